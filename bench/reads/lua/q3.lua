-- Q3 alone (see common.lua)
local c = dofile((os.getenv("BENCH_LUA_DIR") or "bench/reads/lua") .. "/common.lua")
request = c.q3
setup = c.setup
response = c.response
done = c.done
