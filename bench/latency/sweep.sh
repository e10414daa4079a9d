#!/usr/bin/env bash
# Read latency alone and during a RETENTION sweep: seeds a read tenant (1,000 transcripts) and a
# sweep tenant (default 8,000 transcripts of 20 messages), runs N closed-loop clients (default 20)
# for S seconds (default 15) alone, then again while the sweep runs, and prints both p99s.
#   bench/latency/sweep.sh [sweep-transcripts] [clients] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test -Dtest=SweepReadLatencyBench -Dgroups=bench -Dsurefire.excludedGroups=none \
  -Dbench.sweep-transcripts="${1:-8000}" -Dbench.clients="${2:-20}" -Dbench.seconds="${3:-15}" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | sed -n '/SWEEP READ LATENCY/,/p99 ratio/p'
