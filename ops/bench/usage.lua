-- wrk script: batches of usage events (unique ids) for random seeded accounts (args: accounts file), sent with the
-- service token. Batch size from USAGE_BATCH (default 1,000): an environment variable because done() runs in a Lua
-- state of its own, where init()'s arguments are not seen.
local BATCH = tonumber(os.getenv("USAGE_BATCH") or "1000")
local thread_count = 0
function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  ids = {}
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  stamp = os.date("!%Y-%m-%dT%H:%M:%SZ")
  counter = 0
  math.randomseed(tid * 7919 + os.time())
end

request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, BATCH do
    parts[i] = string.format('{"id":"t%d-b%d-e%d","accountId":"%s","metric":"image_transformations","quantity":%d,"timestamp":"%s"}',
      tid, counter, i, ids[math.random(#ids)], math.random(1, 500), stamp)
  end
  local body = '{"events":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/api/v1/usage", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer abs_bench_service",
    ["Idempotency-Key"] = string.format("usage-%d-%d-%d", tid, counter, os.time()),
  }, body)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("batches: %d of %d events in %.1f s = %.0f events/s\n", summary.requests, BATCH, seconds,
    summary.requests * BATCH / seconds))
  io.write(string.format("batch latency: p50 %.1f ms, p99 %.1f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
