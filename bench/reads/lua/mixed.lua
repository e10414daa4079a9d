-- A dashboard-like mix: per 4 requests one Q1 (a page), two Q2 (a transcript), one Q3 (a search).
local c = dofile((os.getenv("BENCH_LUA_DIR") or "bench/reads/lua") .. "/common.lua")
local n = 0
request = function()
  n = n + 1
  local k = n % 4
  if k == 0 then return c.q1() elseif k == 3 then return c.q3() else return c.q2() end
end
setup = c.setup
response = c.response
done = c.done
