#!/usr/bin/env python3
"""Where the request threads' time goes, from a JFR recording's execution samples.

Usage: jfr print --json --events jdk.ExecutionSample rec.jfr | ops/bench/jfr-top.py [thread-prefix] [rows]
Prints the methods most often on top of the stack (self time) and the frames most often anywhere on it (inclusive),
as shares of the samples of threads whose name starts with thread-prefix (default http-nio).
"""
import collections
import json
import sys

prefix = sys.argv[1] if len(sys.argv) > 1 else "http-nio"
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 25
events = json.load(sys.stdin)["recording"]["events"]
own = collections.Counter()
anywhere = collections.Counter()
samples = 0
for event in events:
    values = event["values"]
    thread = (values.get("sampledThread") or {}).get("javaName") or ""
    if not thread.startswith(prefix):
        continue
    frames = (values.get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    samples += 1
    name = lambda f: f["method"]["type"]["name"] + "." + f["method"]["name"]
    own[name(frames[0])] += 1
    for frame in set(name(f) for f in frames):
        anywhere[frame] += 1
print(f"{samples} samples of {prefix}* threads")
print("-- self")
for frame, count in own.most_common(rows):
    print(f"{100.0 * count / samples:5.1f}%  {frame}")
print("-- inclusive")
for frame, count in anywhere.most_common(rows * 2):
    print(f"{100.0 * count / samples:5.1f}%  {frame}")
