#!/usr/bin/env bash
# Load under attack and under a sweep: the packaged jar (prod profile, RS256 tokens) against its own
# PostgreSQL, seeded and driven as in bench/reads (lib.sh), by wrk from a separate process. Phases,
# each reporting rps, p50/p99, app and PostgreSQL CPU per request and the load average:
#   floor   `{ __typename }` with a bearer token: the fixed cost of an authenticated request
#   reads   the read mix of bench/reads (per 4 requests: a page, two transcripts, an e-mail search)
#   attack  the same reads while a second wrk sends cost-attack documents (fragment bomb, aliases)
#   sweep   the same reads while a RETENTION job redacts every seeded transcript of the tenant
#   bench/load/run.sh [messages=1000000] [seconds=20] [connections=8]
# Ports: BENCH_HTTP_PORT (18080), BENCH_PG_PORT (55473: its own database, since the sweep redacts it).
set -euo pipefail
source "$(dirname "$0")/../reads/lib.sh"
MESSAGES=${1:-1000000}
SECONDS_PER_PHASE=${2:-20}
CONNECTIONS=${3:-8}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
PG_PORT=${BENCH_PG_PORT:-55473}
bench_require
trap bench_stop EXIT

bench_package
bench_pg_start "$PG_PORT"
APP_LOG="$BENCH_WORK/app-load-$HTTP_PORT.log"
bench_app_start "$HTTP_PORT" "$PG_PORT" "$APP_LOG"
bench_seed "$PG_PORT" "$MESSAGES"

export BENCH_LUA_DIR="$BENCH_ROOT/bench/reads/lua"
export BENCH_TOKEN; BENCH_TOKEN=$(bench_token bench-a '["agent"]')
export BENCH_IDS="$BENCH_WORK/ids-bench-a.txt" BENCH_EMAILS="$BENCH_WORK/emails-bench-a.txt"
LUA=$BENCH_LUA_DIR
ADMIN=$(bench_token bench-a '["privacy-admin"]')
gql() { curl -s "localhost:$HTTP_PORT/graphql" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "$1"; }

echo "warm-up (${BENCH_WARMUP:-60}s reads)..."
wrk -t1 -c"$CONNECTIONS" -d"${BENCH_WARMUP:-60}s" -s "$LUA/mixed.lua" "http://localhost:$HTTP_PORT" >/dev/null
bench_wrk floor "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/floor.lua"
bench_wrk reads "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/mixed.lua"
wrk -t1 -c4 -d"$((SECONDS_PER_PHASE + 2))s" --timeout 10s -s "$LUA/attack.lua" "http://localhost:$HTTP_PORT" \
  > "$BENCH_WORK/attack.out" 2>&1 &
ATTACK=$!
bench_wrk attack "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/mixed.lua"
wait $ATTACK || true
# every attack document must have been refused: its RESULT counts them all as errors
sed -n 's/^RESULT /        attack documents: /p' "$BENCH_WORK/attack.out"
gql '{"query":"mutation { setRetentionPolicy(input: {redactAfterDays: 7}) { redactAfterDays } }"}' >/dev/null
gql '{"query":"mutation { applyRetentionPolicy { id } }"}' >/dev/null
bench_wrk sweep "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/mixed.lua"
gql '{"query":"{ redactionJobs(first: 1) { edges { node { status transcriptsRedacted startedAt finishedAt } } } }"}' |
  sed 's/^/        job: /'; echo
if grep -E ' ERROR ' "$APP_LOG" >/dev/null; then
  echo "app logged errors:"; grep -E ' ERROR ' "$APP_LOG" | head -5
else
  echo "app log: no ERROR lines"
fi
