-- wrk script: an open-loop load at a fixed mean rate, run with one wrk thread (-t1). Each of the
-- C connections waits an exponential think time (mean C / rate) before each request, so arrivals
-- are close to Poisson at the given rate while most connections are idle (C much larger than
-- rate × latency: bench-generator.sh sizes C so, and a point whose achieved rate falls short
-- of the target is reported as such). Prints one JSON object: achieved rate and percentiles.
--   wrk -t1 -c<C> -d<seconds> --latency -s open-loop.lua <url> -- <C> <rate> [random-seed]
-- With random-seed, each request asks for /api/v1/digits/<random seed>.png (the url's query kept).

local mean_ms, random_seed, query

function init(args)
  mean_ms = tonumber(args[1]) / tonumber(args[2]) * 1000
  random_seed = args[3] == "random-seed"
  query = wrk.path:match("(%?.*)$") or ""
  math.randomseed(os.time())
end

function delay()
  return -mean_ms * math.log(1 - math.random())
end

function request()
  if random_seed then
    return wrk.format("GET", "/api/v1/digits/" .. math.random(0, 2147483647) .. ".png" .. query)
  end
  return wrk.format("GET")
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"achievedRate":%.1f,"p50Ms":%.2f,"p90Ms":%.2f,"p99Ms":%.2f,"maxMs":%.2f,' ..
    '"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
