#!/usr/bin/env bash
# Profiles one read phase with JFR (async-profiler is not available): starts the bench setup like
# run.sh, warms up, records PHASE for SECONDS and prints the hottest frames of the app's samples
# (top of stack and anywhere on the stack) and the exceptions it threw per request.
#   bench/reads/profile.sh [phase=q1] [seconds=30] [messages=1000000]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PHASE=${1:-q1}
SECONDS_PER_PHASE=${2:-30}
MESSAGES=${3:-1000000}
HTTP_PORT=${BENCH_HTTP_PORT:-18081}
PG_PORT=${BENCH_PG_PORT:-55472}
bench_require
trap bench_stop EXIT
bench_package
bench_pg_start "$PG_PORT"
bench_app_start "$HTTP_PORT" "$PG_PORT" "$BENCH_WORK/app-$HTTP_PORT.log"
bench_seed "$PG_PORT" "$MESSAGES"
export BENCH_LUA_DIR="$BENCH_ROOT/bench/reads/lua"
export BENCH_TOKEN; BENCH_TOKEN=$(bench_token bench-a '["agent"]')
export BENCH_IDS="$BENCH_WORK/ids-bench-a.txt" BENCH_EMAILS="$BENCH_WORK/emails-bench-a.txt" BENCH_RATE=${BENCH_RATE:-500}
LUA="$BENCH_LUA_DIR/$PHASE.lua"; [ "$PHASE" = rate ] && LUA="$BENCH_LUA_DIR/fixed-rate.lua"
wrk -t1 -c8 -d"${BENCH_WARMUP:-60}s" -s "$LUA" "http://localhost:$HTTP_PORT" >/dev/null
JH=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
sed 's|control="enable-exceptions">false|control="enable-exceptions">true|' "$JH/lib/jfr/profile.jfc" > "$BENCH_WORK/profile.jfc"
JFR="$BENCH_WORK/$PHASE.jfr"
jcmd "$BENCH_APP_PID" JFR.start name=bench settings="$BENCH_WORK/profile.jfc" filename="$JFR" >/dev/null
bench_wrk "$PHASE" "$SECONDS_PER_PHASE" 8 "$LUA" | tee "$BENCH_WORK/$PHASE.result"
jcmd "$BENCH_APP_PID" JFR.stop name=bench >/dev/null
REQS=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' "$BENCH_WORK/$PHASE.result")
jfr print --stack-depth 64 --events jdk.ExecutionSample "$JFR" > "$BENCH_WORK/$PHASE.samples"
TOTAL=$(grep -c 'jdk.ExecutionSample' "$BENCH_WORK/$PHASE.samples" || true)
echo "execution samples: $TOTAL ($JFR)"
echo "--- top frames (self) ---"
awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' "$BENCH_WORK/$PHASE.samples" |
  sort | uniq -c | sort -rn | head -25
echo "--- frames anywhere on the stack (share of samples) ---"
awk -v total="$TOTAL" '/jdk.ExecutionSample/{delete seen} /^[ \t]+[a-zA-Z_$][a-zA-Z0-9_$.]*\(/{f=$0; sub(/^[ \t]+/, "", f); sub(/\(.*/, "", f); if (!(f in seen)) {seen[f]=1; n[f]++}}
  END {for (f in n) printf "%5.1f%% %s\n", 100 * n[f] / total, f}' "$BENCH_WORK/$PHASE.samples" | sort -rn | head -60
echo "--- exceptions thrown per request (top) ---"
jfr print --stack-depth 64 --events jdk.JavaExceptionThrow "$JFR" | awk '/thrownClass = /{c=$3} /stackTrace = \[/{s=1; next} s && /<init>/{next} s{sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print c " at " $0; s=0}' |
  sort | uniq -c | sort -rn | head -10 | awk -v r="${REQS:-1}" '{printf "%6.2f/req %s\n", $1 / r, substr($0, index($0, $2))}'
