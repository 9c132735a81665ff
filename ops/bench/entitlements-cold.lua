-- wrk script: every request asks for a different account, in order, so each one misses the near cache.
local ids = {}
local thread_count = 0
function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  counter = 0
end

request = function()
  local n = (tid + counter * 2) % #ids + 1
  counter = counter + 1
  return wrk.format("GET", "/internal/v1/accounts/" .. ids[n] .. "/entitlements", {
    ["Authorization"] = "Bearer abs_bench_service",
  })
end

done = function(summary, latency, requests)
  io.write(string.format("cache-miss requests: %d (%.0f/s)\n", summary.requests, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("cache-miss latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
