#!/usr/bin/env bash
# Retention sweep benchmark: seeds N messages (default 1,000,000) into the embedded PostgreSQL with all
# three retention windows set (redact 90 days, files 40, IPs 10; a third of the transcripts in each age
# band), times the raw-SQL floor (one UPDATE per table and pass) and Lethe's RETENTION job, prints the
# ratio, heap use and the latency of the previewRetention dry run on the same tenant.
#   bench/retention/run.sh [messages]
set -euo pipefail
cd "$(dirname "$0")/../.."
messages="${1:-1000000}"
./mvnw -B -q test -Dtest=RetentionSweepBench -Dgroups=bench -Dsurefire.excludedGroups=none -Dbench.messages="$messages" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | sed -n '/RETENTION SWEEP BENCH/,/heap used/p'
