#!/usr/bin/env bash
# Retention sweep benchmark: for each size (messages, default 1,000,000; several comma-separated,
# e.g. 1000000,5000000, run one after the other in one database) seeds a tenant with all three
# retention windows set (redact 90 days, files 40, IPs 10; a third of the transcripts in each age
# band) and times its RETENTION job, with the time of each phase and the heap (peak, and what is left
# after each GC); times the raw-SQL floor (one UPDATE per table and pass) at the first size; prints
# the ratio to the floor, time(size) / time(first size), the previewRetention latency, and per sweep
# what PostgreSQL did (WAL, full-page images, checkpoints, blocks read from outside its buffers).
#   bench/retention/run.sh [messages[,messages...]]
# The database gets max_wal_size BENCH_MAX_WAL_SIZE (4GB, as k8s/base/postgres-cluster.yaml; 1GB is
# PostgreSQL's default). By default it is the embedded PostgreSQL of the tests (shared_buffers
# 128MB). With BENCH_SHARED_BUFFERS (e.g. 4GB) the script starts a PostgreSQL 17 of its own with that
# much shared memory and durability as the embedded one (bench/reads/lib.sh, port BENCH_PG_PORT,
# 55476; more server options in BENCH_PG_OPTS), and runs the bench against it without the embedded
# one (-Ddist).
set -euo pipefail
cd "$(dirname "$0")/../.."
messages="${1:-1000000}"
props=(-Dtest=RetentionSweepBench -Dgroups=bench -Dsurefire.excludedGroups=none -Dbench.messages="$messages"
  -Dbench.maxWalSize="${BENCH_MAX_WAL_SIZE:-4GB}" -Dsurefire.failIfNoSpecifiedTests=false
  -Dquarkus.test.hang-detection-timeout=60m)
if [ -n "${BENCH_SHARED_BUFFERS:-}" ]; then
  export BENCH_WORK=${BENCH_WORK:-/tmp/lethe-bench-retention}
  source bench/reads/lib.sh
  trap bench_stop EXIT
  port=${BENCH_PG_PORT:-55476}
  rm -rf "$BENCH_WORK/pg-$port" # every run seeds its own tenants from empty
  # as the embedded server, but for the memory (options on the command line win over ALTER SYSTEM);
  # BENCH_PG_OPTS given by the caller come last, so they win (e.g. "-c checkpoint_timeout=30min")
  BENCH_PG_OPTS="-c fsync=on -c full_page_writes=on -c synchronous_commit=off -c max_connections=300 \
-c shared_buffers=$BENCH_SHARED_BUFFERS -c max_wal_size=${BENCH_MAX_WAL_SIZE:-4GB} ${BENCH_PG_OPTS:-}"
  bench_pg_start "$port"
  export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$BENCH_PG_PORT/postgres"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$BENCH_PG_PORT/postgres"
  export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres
  props+=(-Ddist)
fi
./mvnw -B -q test "${props[@]}" 2>&1 | sed -n '/RETENTION SWEEP BENCH/,/RETENTION SWEEP BENCH done/p'
