#!/usr/bin/env bash
# Read benchmark: the distribution jar (prod profile, RS256 tokens) against a PostgreSQL 17 this
# script starts, 1M seeded messages in two tenants, wrk from a separate process:
#   q1      transcripts(first: 50) { totalCount edges { cursor node { id startedAt visitor { visitorKey email } } } }
#   q2      transcript(id) { id startedAt messages { seq sender body sentAt } formFields { name value } } (20 messages)
#   q3      transcripts(filter: {email}) { ...as q1 } (one match)
#   mixed   per 4 requests: 1 q1, 2 q2, 1 q3
#   rate    the mixed profile at a fixed rate (default 500 req/s)
#   floor   { __typename } with the same bearer token: the fixed cost of an authenticated request
#           (HTTP, token, GraphQL), no database read, measured in the same run as the queries
# Each prints rps, p50/p99, app and PostgreSQL CPU ms per request and the load average; q1-q3 also
# say whether their goal for app CPU per request (1.1, 0.5, 0.33 ms) was met.
#   bench/reads/run.sh [messages=1000000] [seconds=20] [connections=8] [rate=500]
# Ports: BENCH_HTTP_PORT (18081), BENCH_PG_PORT (55472). BENCH_PHASES="q1 q2" runs only some phases;
# BENCH_WARMUP seconds of mixed load first (60) so the JIT has compiled the request path.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MESSAGES=${1:-1000000}
SECONDS_PER_PHASE=${2:-20}
CONNECTIONS=${3:-8}
RATE=${4:-500}
HTTP_PORT=${BENCH_HTTP_PORT:-18081}
PG_PORT=${BENCH_PG_PORT:-55472}
PHASES=${BENCH_PHASES:-floor q1 q2 q3 mixed rate}
bench_require
trap bench_stop EXIT

bench_package
bench_pg_start "$PG_PORT"
APP_LOG="$BENCH_WORK/app-$HTTP_PORT.log"
bench_app_start "$HTTP_PORT" "$PG_PORT" "$APP_LOG"
bench_seed "$PG_PORT" "$MESSAGES"

export BENCH_LUA_DIR="$BENCH_ROOT/bench/reads/lua"
export BENCH_TOKEN; BENCH_TOKEN=$(bench_token bench-a '["agent"]')
export BENCH_IDS="$BENCH_WORK/ids-bench-a.txt" BENCH_EMAILS="$BENCH_WORK/emails-bench-a.txt" BENCH_RATE=$RATE
LUA=$BENCH_LUA_DIR

WARMUP=${BENCH_WARMUP:-60}
echo "warm-up (${WARMUP}s mixed)..."
wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA/mixed.lua" "http://localhost:$HTTP_PORT" >/dev/null
for phase in $PHASES; do
  case $phase in
    q1) BENCH_GOAL=1.1 bench_wrk q1 "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/q1.lua" ;;
    q2) BENCH_GOAL=0.5 bench_wrk q2 "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/q2.lua" ;;
    q3) BENCH_GOAL=0.33 bench_wrk q3 "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/q3.lua" ;;
    floor|mixed) bench_wrk "$phase" "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/$phase.lua" ;;
    rate) bench_wrk "rate$RATE" "$SECONDS_PER_PHASE" "$CONNECTIONS" "$LUA/fixed-rate.lua" ;;
    *) echo "unknown phase $phase" >&2 ;;
  esac
done
if grep -E ' ERROR ' "$APP_LOG" >/dev/null; then
  echo "app logged errors:"; grep -E ' ERROR ' "$APP_LOG" | head -5
else
  echo "app log: no ERROR lines"
fi
