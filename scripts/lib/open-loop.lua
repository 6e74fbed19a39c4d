-- wrk script: an open-loop load, Poisson arrivals at a fixed rate, run with one wrk thread (-t1).
-- One arrival schedule for the thread: a connection that is free takes the next arrival time and
-- waits for it (delay), so requests go out on the schedule whatever the latency, as long as a
-- connection is free. A request that goes out more than 1 ms after its time counts as late; the
-- caller gives enough connections (many more than rate × latency) and reports late sends.
-- Prints one JSON object: achieved rate, latency percentiles, errors, late sends.
--   wrk -t1 -c<C> -d<seconds> -s open-loop.lua <url> -- <rate> [random-seed]
-- With random-seed, each request asks for /api/v1/digits/<random seed>.png (the url's query kept).

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } open_loop_timespec;
  int clock_gettime(int clock, open_loop_timespec *tp);
]]
local ts = ffi.new("open_loop_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local mean_gap_ms, random_seed, query, next_at
late = 0
sent = 0

function init(args)
  mean_gap_ms = 1000 / tonumber(args[1])
  random_seed = args[2] == "random-seed"
  query = wrk.path:match("(%?.*)$") or ""
  math.randomseed(os.time())
end

function delay()
  local now = now_ms()
  next_at = (next_at or now) + -mean_gap_ms * math.log(1 - math.random())
  sent = sent + 1
  local wait = next_at - now
  if wait < -1 then
    late = late + 1
  end
  return math.max(0, wait)
end

function request()
  if random_seed then
    return wrk.format("GET", "/api/v1/digits/" .. math.random(0, 2147483647) .. ".png" .. query)
  end
  return wrk.format("GET")
end

function done(summary, latency, requests)
  local late_sends, all_sends = 0, 0
  for _, t in ipairs(threads) do
    late_sends = late_sends + t:get("late")
    all_sends = all_sends + t:get("sent")
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"achievedRate":%.1f,"p50Ms":%.2f,"p90Ms":%.2f,"p99Ms":%.2f,"maxMs":%.2f,' ..
    '"non2xx":%d,"socketErrors":%d,"lateShare":%.4f}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, e.status,
    e.connect + e.read + e.write + e.timeout, all_sends > 0 and late_sends / all_sends or 0))
end
