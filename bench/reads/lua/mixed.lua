-- The dashboard-like mix of common.lua (M.mix), as fast as the connections allow.
local c = dofile((os.getenv("BENCH_LUA_DIR") or "bench/reads/lua") .. "/common.lua")
local n = 0
request = function()
  n = n + 1
  return c.mix(n)
end
setup = c.setup
response = c.response
done = c.done
