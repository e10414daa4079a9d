#!/usr/bin/env bash
# Retention sweep benchmark: for each size (messages, default 1,000,000; several comma-separated,
# e.g. 1000000,5000000, run one after the other in one database) seeds a tenant with all three
# retention windows set (redact 90 days, files 40, IPs 10; a third of the transcripts in each age
# band) and times its RETENTION job, with the time of each phase and the heap (peak, and what is left
# after each GC); times the raw-SQL floor (one UPDATE per table and pass) at the first size; prints
# the ratio to the floor, time(size) / time(first size), and the previewRetention latency.
#   bench/retention/run.sh [messages[,messages...]]
set -euo pipefail
cd "$(dirname "$0")/../.."
messages="${1:-1000000}"
./mvnw -B -q test -Dtest=RetentionSweepBench -Dgroups=bench -Dsurefire.excludedGroups=none -Dbench.messages="$messages" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | sed -n '/RETENTION SWEEP BENCH/,/RETENTION SWEEP BENCH done/p'
