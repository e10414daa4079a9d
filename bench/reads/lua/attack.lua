-- Cost attacks, alternately: a fragment bomb (25 levels, each fragment used twice) and 50 aliased
-- text searches. Both must be rejected before they run; the RESULT line counts the rejections as errors.
local c = dofile((os.getenv("BENCH_LUA_DIR") or "bench/reads/lua") .. "/common.lua")
local bomb = 'query{...F25} fragment F0 on Query{retentionPolicy{redactAfterDays}}'
for i = 1, 25 do bomb = bomb .. string.format(' fragment F%d on Query{...F%d ...F%d}', i, i - 1, i - 1) end
local aliases = '{'
for i = 1, 50 do aliases = aliases .. string.format(' a%d: transcripts(filter:{text:\\"order %d\\"}){totalCount}', i, i) end
aliases = aliases .. ' }'
local docs = { '{"query":"' .. bomb .. '"}', '{"query":"' .. aliases .. '"}' }
local n = 0
request = function()
  n = n + 1
  return c.post(docs[1 + n % 2])
end
setup = c.setup
response = c.response
done = c.done
