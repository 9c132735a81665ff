-- wrk script: each request places an order for a different seeded account (abk_bench_<n>), paying with the
-- sandbox's success card. Threads interleave account numbers so no two requests share an account.
local thread_count = 0
function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  threads = tonumber(args[1])
  offset = tonumber(args[2] or "0")
  counter = 0
  failures = 0
end

local body = '{"plan":"edge-pro-monthly","currency":"USD","paymentMethod":{"card":{"number":"4242424242424242","expMonth":12,"expYear":2031,"cvc":"123"}}}'

request = function()
  local n = offset + tid + counter * threads + 1
  counter = counter + 1
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer abk_bench_" .. n,
    ["Idempotency-Key"] = "bench-order-" .. n,
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("orders: %d in %.1f s = %.1f orders/s\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx: %d, socket errors: %d\n", summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
