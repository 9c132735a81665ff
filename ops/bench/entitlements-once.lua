-- wrk script: each account of the list is asked for exactly once, so every answer is a miss of the near cache (and of
-- Redis, when it was emptied). A thread stops when its share has been answered; the rate is the accounts answered
-- divided by the wall time from the threads' start to the last share answered (wrk's own duration is always -d).
-- A connection still open when its thread's share is used up asks again for accounts of the share from its start:
-- at most one request per connection, in the latency figures, not in the rate. A thread is done when every account of its share has been
-- answered (told apart by the accountId in each answer).
-- Usage: wrk -t2 -c64 -d60s -s entitlements-once.lua URL -- accounts.txt 2
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  threads[#threads + 1] = thread
end

local function now()
  local clock = io.popen("date +%s.%N")
  local value = tonumber(clock:read("*l"))
  clock:close()
  return value
end

function init(args)
  local all = {}
  for line in io.lines(args[1]) do all[#all + 1] = line end
  local count = tonumber(args[2])
  ids = {}
  for i = tid + 1, #all, count do ids[#ids + 1] = all[i] end
  sent = 0
  answered = 0
  seen = {}
  started = now()
  finished = nil
end

request = function()
  sent = sent + 1
  -- Past the end, around again from the start: wrk builds one request per thread that it never sends.
  return wrk.format("GET", "/internal/v1/accounts/" .. ids[(sent - 1) % #ids + 1] .. "/entitlements", {
    ["Authorization"] = "Bearer abs_bench_service",
  })
end

response = function(status, headers, body)
  local id = body and string.match(body, '"accountId":"([^"]+)"')
  if id and not seen[id] then
    seen[id] = true
    answered = answered + 1
  end
  if answered == #ids and not finished then
    finished = now()
    wrk.thread:stop()
  end
end

done = function(summary, latency, requests)
  local first, last, accounts, unfinished = math.huge, 0, 0, 0
  for _, thread in ipairs(threads) do
    first = math.min(first, thread:get("started"))
    local finished = thread:get("finished")
    if finished == nil then unfinished = unfinished + 1 else last = math.max(last, finished) end
    accounts = accounts + math.min(thread:get("answered"), #thread:get("ids"))
  end
  if unfinished > 0 then last = first + summary.duration / 1e6 end
  local seconds = last - first
  io.write(string.format("first reads: %d accounts in %.2f s = %.0f req/s%s\n", accounts, seconds, accounts / seconds,
    unfinished > 0 and " (not all answered within -d)" or ""))
  io.write(string.format("first-read latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx: %d, socket errors: %d\n", summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
