#!/usr/bin/env bash
# Before/after on a busy machine: two builds of the app side by side on one database (the current
# tree and BEFORE_JAR, e.g. a copy of target/bench-reads built from main), warmed up alike, then
# each phase measured on one and right after on the other, ROUNDS times, so both see about the same
# load from whatever else runs on the machine.
#   BEFORE_JAR=/path/quarkus-run.jar bench/reads/compare.sh [seconds=20] [rounds=2] [messages=1000000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SECONDS_PER_PHASE=${1:-20}
ROUNDS=${2:-2}
MESSAGES=${3:-1000000}
PG_PORT=${BENCH_PG_PORT:-55472}
PHASES=${BENCH_PHASES:-q1 q2 q3 mixed}
: "${BEFORE_JAR:?set BEFORE_JAR to the jar to compare with}"
bench_require
PIDS=()
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; BENCH_APP_PID=; bench_stop; }
trap stop_all EXIT
bench_pg_start "$PG_PORT"
BENCH_APP_JAR=$BEFORE_JAR bench_app_start 18082 "$PG_PORT" "$BENCH_WORK/app-before.log"; BEFORE_PID=$BENCH_APP_PID; PIDS+=("$BENCH_APP_PID")
bench_app_start 18081 "$PG_PORT" "$BENCH_WORK/app-after.log"; AFTER_PID=$BENCH_APP_PID; PIDS+=("$BENCH_APP_PID")
bench_seed "$PG_PORT" "$MESSAGES"
export BENCH_LUA_DIR="$BENCH_ROOT/bench/reads/lua"
export BENCH_TOKEN; BENCH_TOKEN=$(bench_token bench-a '["agent"]')
export BENCH_IDS="$BENCH_WORK/ids-bench-a.txt" BENCH_EMAILS="$BENCH_WORK/emails-bench-a.txt"
on() { BENCH_APP_PID=$1; BENCH_APP_PORT=$2; }
for port in 18082 18081; do
  wrk -t1 -c8 -d"${BENCH_WARMUP:-60}s" -s "$BENCH_LUA_DIR/mixed.lua" "http://localhost:$port" >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  for phase in $PHASES; do
    on "$BEFORE_PID" 18082; bench_wrk "$phase-before" "$SECONDS_PER_PHASE" 8 "$BENCH_LUA_DIR/$phase.lua"
    on "$AFTER_PID" 18081; bench_wrk "$phase-after" "$SECONDS_PER_PHASE" 8 "$BENCH_LUA_DIR/$phase.lua"
  done
done
for which in before after; do
  if grep -E ' ERROR ' "$BENCH_WORK/app-$which.log" >/dev/null; then
    echo "app ($which) logged errors:"; grep -E ' ERROR ' "$BENCH_WORK/app-$which.log" | head -5
  else
    echo "app ($which) log: no ERROR lines"
  fi
done
