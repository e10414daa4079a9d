#!/usr/bin/env bash
# Latency benchmark: seeds N messages (default 1,000,000), then drives GraphQL reads at a fixed
# rate (default 500 req/s for 20 s, open model) and times erasures of 100-transcript visitors.
#   bench/latency/run.sh [messages] [rate] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q test -Dtest=ServiceLatencyBench -Dgroups=bench -Dsurefire.excludedGroups=none \
  -Dbench.messages="${1:-1000000}" -Dbench.rate="${2:-500}" -Dbench.seconds="${3:-20}" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | sed -n '/service time/,/target p99 <= 1000/p'
