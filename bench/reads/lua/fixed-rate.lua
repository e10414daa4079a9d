-- The mixed profile at a fixed total rate (open model): BENCH_RATE requests per second over all
-- connections of this wrk thread (run wrk with -t1). wrk has no rate option: delay() holds each
-- request until its slot on a shared schedule; a late slot is sent at once (no catch-up burst beyond
-- one second). wrk's latency is measured from the send, so a saturated server shows as a lower rps.
local c = dofile((os.getenv("BENCH_LUA_DIR") or "bench/reads/lua") .. "/common.lua")
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *t);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local interval = 1000 / tonumber(os.getenv("BENCH_RATE") or "500")
local due = nil
delay = function()
  local now = now_ms()
  if due == nil or due < now - 1000 then due = now end
  local wait = due - now
  due = due + interval
  return wait > 0 and math.floor(wait) or 0
end
local n = 0
local body = os.getenv("BENCH_PROFILE") or "mixed"
request = function()
  n = n + 1
  if body == "q1" then return c.q1() elseif body == "q2" then return c.q2() elseif body == "q3" then return c.q3() end
  return c.mix(n)
end
setup = c.setup
response = c.response
done = c.done
