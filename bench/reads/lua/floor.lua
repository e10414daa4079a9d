-- The fixed cost of an authenticated request: `{ __typename }` with the bearer token, no database read.
local c = dofile((os.getenv("BENCH_LUA_DIR") or "bench/reads/lua") .. "/common.lua")
local body = '{"query":"{ __typename }"}'
request = function() return c.post(body) end
setup = c.setup
response = c.response
done = c.done
