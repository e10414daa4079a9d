#!/usr/bin/env bash
# Retention sweep benchmark: seeds N messages (default 1,000,000) into the embedded PostgreSQL,
# times the raw-SQL floor and Lethe's RETENTION job, prints the ratio and heap use.
#   bench/retention/run.sh [messages]
set -euo pipefail
cd "$(dirname "$0")/../.."
messages="${1:-1000000}"
./mvnw -B -q test -Dtest=RetentionSweepBench -Dgroups=bench -Dsurefire.excludedGroups=none -Dbench.messages="$messages" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | sed -n '/RETENTION SWEEP BENCH/,/heap used/p'
