#!/usr/bin/env bash
# Erasure latency under read load, everything as production runs it: the distribution jar (prod
# profile, RS256 tokens, its own job worker woken by LISTEN/NOTIFY) against a PostgreSQL 17 of its
# own seeded with 1M messages in two tenants (bench/reads/lib.sh), GraphQL reads at a fixed rate
# (default 500 req/s, the read mix of bench/reads/lua/fixed-rate.lua) from wrk in a separate
# process, and meanwhile N erasures (default 20, after 150 s of warm-up with 10 untimed ones, so the
# JIT has compiled both paths) of one visitor with 100 transcripts (2,000 messages), each timed from
# the requestErasure call to the commit of the job's SUCCEEDED row. Prints the erasure p50/p99/max and the reads' rps, p50/p99 and CPU per request.
#   bench/latency/run.sh [messages=1000000] [rate=500] [erasures=20]
# Ports: BENCH_HTTP_PORT (18084), BENCH_PG_PORT (55474). Needs wrk, psql, openssl, bc, curl.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_WORK=${BENCH_WORK:-/tmp/lethe-bench-latency}
source "$HERE/../reads/lib.sh"
MESSAGES=${1:-1000000}
RATE=${2:-500}
ERASURES=${3:-20}
WARM_ERASURES=10
TRANSCRIPTS_PER_SUBJECT=100
HTTP_PORT=${BENCH_HTTP_PORT:-18084}
PG_PORT=${BENCH_PG_PORT:-55474}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
bench_require
command -v curl >/dev/null || { echo "bench: curl is missing" >&2; exit 1; }
trap bench_stop EXIT

bench_package
bench_pg_start "$PG_PORT"
APP_LOG="$BENCH_WORK/app-$HTTP_PORT.log"
bench_app_start "$HTTP_PORT" "$PG_PORT" "$APP_LOG"
bench_seed "$PG_PORT" "$MESSAGES"
export PGPASSWORD=postgres
PSQL=(psql -q -X -At -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
TENANT=bench-a

export BENCH_LUA_DIR="$HERE/../reads/lua"
export BENCH_TOKEN; BENCH_TOKEN=$(bench_token "$TENANT" '["agent"]')
export BENCH_IDS="$BENCH_WORK/ids-$TENANT.txt" BENCH_EMAILS="$BENCH_WORK/emails-$TENANT.txt" BENCH_RATE=$RATE
ADMIN=$(bench_token "$TENANT" '["privacy-admin"]')

# the subjects: each is one visitor with 100 transcripts (2,000 messages): 100 unredacted transcripts
# of the seed move to the first one's visitor, which gets an email, a phone and a visitor key of its
# own (the seed's phones repeat across visitors, which the residue scan would rightly report)
subject() { echo "erasure-subject-$1-$RUN@bench.example"; }
RUN=$(date +%s)
prepare() {
  "${PSQL[@]}" -c "with picked as (
      select t.id, t.visitor_id, row_number() over (order by t.id) as rn from transcript t
      join visitor v on v.tenant_id = t.tenant_id and v.id = t.visitor_id
      where t.tenant_id = '$TENANT' and t.redacted_at is null and v.redacted_at is null
        and v.email like 'v%@$TENANT.example'
      order by t.id limit $TRANSCRIPTS_PER_SUBJECT),
    owner as (select visitor_id from picked where rn = 1),
    moved as (update transcript t set visitor_id = (select visitor_id from owner)
      from picked where t.tenant_id = '$TENANT' and t.id = picked.id)
    update visitor v set email = '$(subject "$1")', phone = '+44 20 7946 ' || lpad(($1 % 10000)::text, 4, '0'),
      visitor_key = 'erasure-subject-$1-$RUN'
    where v.tenant_id = '$TENANT' and v.id = (select visitor_id from owner)" >/dev/null
}
# request -> SUCCEEDED in ms: from just before the request to the moment one psql session, polling in
# the server every 5 ms (one backend, so the wait costs the machine next to nothing), sees the commit; fails on any other end or a short count
erase() {
  local email=$1 start job status redacted finished
  start=$(date +%s%N)
  job=$(curl -sf "localhost:$HTTP_PORT/graphql" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation { requestErasure(input: {email: \\\"$email\\\"}) { id } }\"}" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  [ -n "$job" ] || { echo "bench: requestErasure failed" >&2; return 1; }
  finished=$("${PSQL[@]}" -c "do \$\$ begin
      while exists (select 1 from redaction_job where id = '$job' and status in ('QUEUED', 'RUNNING')) loop
        perform pg_sleep(0.005);
      end loop;
      raise notice 'seen %', (extract(epoch from clock_timestamp()) * 1000000000)::bigint; end \$\$" 2>&1 |
    sed -n 's/.*seen \([0-9]*\).*/\1/p')
  IFS='|' read -r status redacted < <("${PSQL[@]}" -c "select status, transcripts_redacted from redaction_job where id = '$job'")
  [ "$status" = SUCCEEDED ] || { echo "bench: erasure $job ended $status" >&2; return 1; }
  [ "$redacted" = "$TRANSCRIPTS_PER_SUBJECT" ] || { echo "bench: erasure $job redacted $redacted transcripts" >&2; return 1; }
  echo $(((finished - start) / 1000000))
}
for i in $(seq 1 $((WARM_ERASURES + ERASURES))); do prepare "$i"; done
"${PSQL[@]}" -c "analyze visitor" >/dev/null

WARMUP=${BENCH_WARMUP:-150}
echo "warm-up (${WARMUP}s of the read mix, $WARM_ERASURES erasures)..."
wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$BENCH_LUA_DIR/mixed.lua" "http://localhost:$HTTP_PORT" >/dev/null &
WARM_PID=$!
for i in $(seq 1 $WARM_ERASURES); do erase "$(subject "$i")" >/dev/null; done
wait $WARM_PID

# the load runs for longer than the erasures should take; any erasure that ends after it is flagged
LOAD_SECONDS=${BENCH_LOAD_SECONDS:-$((10 + ERASURES * 3))}
READS="$BENCH_WORK/reads-$RUN.txt"
bench_wrk "rate$RATE" "$LOAD_SECONDS" "$CONNECTIONS" "$BENCH_LUA_DIR/fixed-rate.lua" > "$READS" &
LOAD_PID=$!
load_start=$(date +%s)
sleep 3
TIMES=()
for i in $(seq $((WARM_ERASURES + 1)) $((WARM_ERASURES + ERASURES))); do
  TIMES+=("$(erase "$(subject "$i")")")
done
erasures_end=$(date +%s)
wait $LOAD_PID
SORTED=($(printf '%s\n' "${TIMES[@]}" | sort -n))
n=${#SORTED[@]}
pct() { local i; i=$(echo "($1 * $n + 0.999999) / 1" | bc); [ "$i" -lt 1 ] && i=1; echo "${SORTED[$((i - 1))]}"; }
echo
echo "ERASURE LATENCY: $n erasures of a visitor with $TRANSCRIPTS_PER_SUBJECT transcripts ($((TRANSCRIPTS_PER_SUBJECT * 20)) messages)"
echo "  in a $MESSAGES-message database, while wrk sent the read mix at $RATE req/s (request -> SUCCEEDED):"
echo "  p50 $(pct 0.50) ms, p99 $(pct 0.99) ms, max ${SORTED[$((n - 1))]} ms (target p99 <= 250 ms); all: ${TIMES[*]}"
[ $((erasures_end - load_start)) -le "$LOAD_SECONDS" ] ||
  echo "  NOTE: the erasures outlasted the ${LOAD_SECONDS}s read load; raise BENCH_LOAD_SECONDS"
echo "READS during the erasures: $(cat "$READS")"
if grep -E ' ERROR ' "$APP_LOG" >/dev/null; then
  echo "app logged errors:"; grep -E ' ERROR ' "$APP_LOG" | head -5
else
  echo "app log: no ERROR lines"
fi
