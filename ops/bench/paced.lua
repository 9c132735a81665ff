-- wrk mixin: runs another benchmark script at a paced rate. PACE_SCRIPT names the script, PACE_MS the pause each
-- connection takes before its next request (rate per connection = 1 / (pause + response time)). Used by peak.sh to
-- hold a target rate instead of going flat out.
dofile(os.getenv("PACE_SCRIPT"))
local pause = tonumber(os.getenv("PACE_MS"))
function delay()
  return pause
end
