-- Shared by the read scripts: the three queries, the token and the seeded ids/e-mails (from the
-- environment bench_wrk sets), error counting and the RESULT line bench_wrk parses.
local M = {}

M.Q1 = '{"query":"{ transcripts(first: 50) { totalCount edges { cursor node { id startedAt visitor { visitorKey email } } } } }"}'
M.Q2 = '{"query":"query($id: ID!) { transcript(id: $id) { id startedAt messages { seq sender body sentAt } formFields { name value } } }","variables":{"id":"%s"}}'
M.Q3 = '{"query":"query($email: String!) { transcripts(filter: {email: $email}) { totalCount edges { cursor node { id startedAt visitor { visitorKey email } } } } }","variables":{"email":"%s"}}'

local function lines(path)
  local out = {}
  if path then
    for line in io.lines(path) do out[#out + 1] = line end
  end
  return out
end

M.ids = lines(os.getenv("BENCH_IDS"))
M.emails = lines(os.getenv("BENCH_EMAILS"))
M.headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "") }

function M.post(body)
  return wrk.format("POST", "/graphql", M.headers, body)
end

function M.q1() return M.post(M.Q1) end
function M.q2() return M.post(string.format(M.Q2, M.ids[math.random(#M.ids)])) end
function M.q3() return M.post(string.format(M.Q3, M.emails[math.random(#M.emails)])) end

-- the n-th request of the dashboard-like mix: per 4 requests one Q1 (a page), two Q2 (a transcript), one Q3 (a search)
function M.mix(n)
  local k = n % 4
  if k == 0 then return M.q1() elseif k == 3 then return M.q3() else return M.q2() end
end

-- any non-200 or GraphQL error is counted (and the first one printed once per thread)
errors_seen = 0
function M.response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    if errors_seen == 0 then io.stderr:write("first error: " .. status .. " " .. string.sub(body, 1, 300) .. "\n") end
    errors_seen = errors_seen + 1
  end
end

local threads = {}
function M.setup(thread)
  threads[#threads + 1] = thread
end

function M.done(summary, latency, requests)
  local graphql_errors = 0
  for _, t in ipairs(threads) do graphql_errors = graphql_errors + (t:get("errors_seen") or 0) end
  io.write(string.format("RESULT requests=%d errors=%d errors_http=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.1f\n", summary.requests, graphql_errors,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

return M
