#!/usr/bin/env bash
# Load benchmark: the packaged Lethe jar (prod profile, RS256 tokens, embedded PostgreSQL) driven
# by wrk from a separate process. Phases, each reporting rps, p50/p99 and app CPU per request
# (utime+stime of the Lethe JVM from /proc, the figure that stays stable on a shared machine):
#   floor   `{ __typename }` with a bearer token: the fixed cost of an authenticated request
#   reads   a dashboard mix: a 20-row transcript page, then one transcript with its 20 messages
#   attack  the same reads while a second wrk sends cost-attack documents (fragment bomb, aliases)
#   sweep   the same reads while a RETENTION job redacts every seeded transcript
#   bench/load/run.sh [transcripts=50000] [seconds=20] [connections=8]
# Needs wrk, psql and openssl (Debian: apt-get install wrk postgresql-client openssl).
set -euo pipefail
cd "$(dirname "$0")/../.."
TRANSCRIPTS=${1:-50000}
SECONDS_PER_PHASE=${2:-20}
CONNECTIONS=${3:-8}
PORT=${BENCH_HTTP_PORT:-18080}
TENANT=bench-load
for tool in wrk psql openssl java; do
  command -v $tool >/dev/null || { echo "bench/load: $tool is missing (apt-get install wrk postgresql-client openssl)" >&2; exit 1; }
done
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
WORK=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT

# --- start the app as production runs it (only the database is the built-in embedded one) ---
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/receipt-signing-key.pem" 2>/dev/null
LETHE_RECEIPT_SIGNING_KEY="$(cat "$WORK/receipt-signing-key.pem")" \
MP_JWT_VERIFY_PUBLICKEY="$(cat src/test/resources/deploy/it-jwt-public.pem)" \
LETHE_HMAC_SECRET=bench-only-hmac-secret-0123456789 QUARKUS_HTTP_PORT=$PORT \
QUARKUS_SHUTDOWN_DELAY=0s LETHE_RETENTION_SCHEDULE_ENABLED=false \
  java -Xmx1g -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "localhost:$PORT/q/health/ready" >/dev/null || { echo "app did not start:"; tail -30 "$WORK/app.log"; exit 1; }

# the embedded PostgreSQL's port is fixed when the jar is built (LETHE_EMBEDDED_PG_PORT then)
PGPORT=$(sed -n 's/.*PG port set to \([0-9,]*\).*/\1/p' "$WORK/app.log" | tr -d ',' | head -1)

# --- RS256 tokens signed with the test key (the app was given its public half) ---
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
token() { # roles as a JSON array
  local now; now=$(date +%s)
  local h p; h=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  p=$(printf '{"iss":"https://lethe.local/dev","sub":"bench","tenant":"%s","groups":%s,"iat":%d,"exp":%d}' \
      "$TENANT" "$1" "$now" $((now + 3600)) | b64url)
  local s; s=$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -sign src/test/resources/deploy/it-jwt-private.pem | b64url)
  printf '%s.%s.%s' "$h" "$p" "$s"
}
AGENT=$(token '["agent"]')
ADMIN=$(token '["privacy-admin"]')

# --- seed straight into PostgreSQL: TRANSCRIPTS old transcripts of 20 chat-like messages ---
export PGPASSWORD=postgres
PSQL=(psql -q -v ON_ERROR_STOP=1 -h localhost -p "$PGPORT" -U postgres -d postgres)
echo "seeding $TRANSCRIPTS transcripts ($((TRANSCRIPTS * 20)) messages)..."
"${PSQL[@]}" <<SQL
insert into tenant (tenant_id) values ('$TENANT') on conflict do nothing;
insert into visitor (id, tenant_id, visitor_key, email, phone, first_seen_at, last_seen_at)
select gen_random_uuid(), '$TENANT', 'vk-' || i, 'visitor' || i || '@example.com',
       '+1 415 555 ' || lpad((i % 10000)::text, 4, '0'), now() - interval '100 days', now() - interval '100 days'
from generate_series(1, $TRANSCRIPTS) i;
insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at, next_seq)
select gen_random_uuid(), v.tenant_id, v.id, now() - interval '100 days' + (random() * interval '1 day'),
       now() - interval '99 days', 21
from visitor v where v.tenant_id = '$TENANT';
insert into message (id, tenant_id, transcript_id, seq, sender, body, sent_at)
select gen_random_uuid(), t.tenant_id, t.id, s, case when s % 2 = 0 then 'OPERATOR' else 'VISITOR' end,
       (array['Hi there, I have a question about my order', 'Sure, what is your order number?',
              'It is order #' || (s * 7919) || ', placed on 2024-03-' || (10 + s % 18),
              'You can reach me at ' || v.email || ' after 5pm', 'My number is ' || v.phone,
              'The price shown was \$' || (s * 3) || '.99 but I paid more',
              'I am connecting from 192.0.2.' || (s * 11 % 255) || ' if that helps',
              'Thanks, version 2.4.1 of the app crashed at 12:30:45',
              'Let me check that for you, one moment please.', 'Great, that solved it. Have a nice day!'])[1 + (s % 10)],
       now() - interval '99 days'
from transcript t join visitor v on v.id = t.visitor_id, generate_series(1, 20) s
where t.tenant_id = '$TENANT';
analyze;
SQL
"${PSQL[@]}" -At -c "select id from transcript where tenant_id = '$TENANT' order by random() limit 2000" > "$WORK/ids.txt"

# --- wrk scripts ---
cat > "$WORK/reads.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids.txt") do ids[#ids + 1] = line end
local page = '{"query":"{ transcripts(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id startedAt redactedAt visitor { visitorKey email } } } } }"}'
local one = '{"query":"query(\$id: ID!) { transcript(id: \$id) { id redactedAt messages { seq sender body sentAt } formFields { name value } } }","variables":{"id":"%s"}}'
local n = 0
errors_seen = 0
request = function()
  n = n + 1
  local body = (n % 2 == 0) and page or string.format(one, ids[math.random(#ids)])
  return wrk.format("POST", "/graphql", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $AGENT"}, body)
end
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then errors_seen = errors_seen + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_http=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
sed -e 's|local body = .*|local body = (n % 2 == 0) and page or "{\\"query\\":\\"{ __typename }\\"}"|' \
    -e 's|local page = .*|local page = "{\\"query\\":\\"{ __typename }\\"}"|' "$WORK/reads.lua" > "$WORK/floor.lua"
BOMB='query{...F25} fragment F0 on Query{retentionPolicy{redactAfterDays}}'
for i in $(seq 1 25); do BOMB="$BOMB fragment F$i on Query{...F$((i - 1)) ...F$((i - 1))}"; done
ALIASES='{'; for i in $(seq 1 50); do ALIASES="$ALIASES a$i: transcripts(filter:{text:\\\"order $i\\\"}){totalCount}"; done; ALIASES="$ALIASES }"
cat > "$WORK/attack.lua" <<LUA
local docs = { '{"query":"$BOMB"}', '{"query":"$ALIASES"}' }
local n = 0
rejected = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/graphql", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $AGENT"}, docs[1 + n % 2])
end
done = function(summary, latency, requests)
  io.write(string.format("ATTACK requests=%d p99_ms=%.1f max_ms=%.1f\n", summary.requests,
    latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
TICK=$(getconf CLK_TCK)
phase() { # name script [extra wrk running in background]
  local name=$1 script=$2
  local before; before=$(cpu_ticks)
  local out; out=$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_PHASE}s" --timeout 10s -s "$script" "http://localhost:$PORT" | grep RESULT)
  local after; after=$(cpu_ticks)
  local reqs; reqs=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$out")
  printf '%-7s %s rps=%d app_cpu_ms_per_req=%.3f\n' "$name" "$out" $((reqs / SECONDS_PER_PHASE)) \
    "$(echo "($after - $before) * 1000 / $TICK / ($reqs + 0.000001)" | bc -l)"
}
gql() { curl -s "localhost:$PORT/graphql" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$2"; }

echo "warm-up..."; wrk -t1 -c"$CONNECTIONS" -d10s -s "$WORK/reads.lua" "http://localhost:$PORT" >/dev/null
phase floor "$WORK/floor.lua"
phase reads "$WORK/reads.lua"
wrk -t1 -c4 -d"$((SECONDS_PER_PHASE + 2))s" --timeout 10s -s "$WORK/attack.lua" "http://localhost:$PORT" > "$WORK/attack.out" &
ATTACK=$!
phase attack "$WORK/reads.lua"
wait $ATTACK; grep ATTACK "$WORK/attack.out" | sed 's/^/        /'
gql "$ADMIN" '{"query":"mutation { setRetentionPolicy(input: {redactAfterDays: 30}) { redactAfterDays } }"}' >/dev/null
gql "$ADMIN" '{"query":"mutation { applyRetentionPolicy { id } }"}' >/dev/null
sleep 3 # the worker claims the job within one poll interval
phase sweep "$WORK/reads.lua"
gql "$ADMIN" '{"query":"{ redactionJobs(first: 1) { edges { node { status transcriptsRedacted startedAt finishedAt } } } }"}' | sed 's/^/        job: /'; echo
if grep -E ' ERROR ' "$WORK/app.log" >/dev/null; then echo "app logged errors:"; grep -E ' ERROR ' "$WORK/app.log" | head -5; fi
