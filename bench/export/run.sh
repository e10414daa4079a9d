#!/usr/bin/env bash
# Export benchmark: drives a RUNNING Lethe over HTTP, starts nothing itself.
#
#   ./mvnw quarkus:dev -Dquarkus.http.port=8081            # or the jar, any profile with /dev/token
#   BASE_URL=http://localhost:8081 bench/export/run.sh
#
# Seeds MESSAGES messages for one visitor email through the GraphQL ingest API (appendMessages in
# batches of BATCH, PER_TRANSCRIPT messages per transcript), requests a CSV and a JSON export, downloads
# them with curl and prints messages/s and the JVM heap (from /q/metrics) before/during/after.
# LETHE_PID=<pid of the Lethe JVM> adds heap-after-full-GC figures (jcmd GC.run) before and after.
# Needs curl and jq. SKIP_SEED=1 TENANT=<an earlier run's tenant> measures again. Set TOKEN (roles ingest + privacy-admin) when /dev/token is not available.
set -euo pipefail

BASE_URL=${BASE_URL:-http://localhost:8080}
MESSAGES=${MESSAGES:-100000}
BATCH=${BATCH:-500}
PER_TRANSCRIPT=${PER_TRANSCRIPT:-1000}
PARALLEL=${PARALLEL:-4}
RUNS=${RUNS:-3}
TARGET=${TARGET:-50000}
TENANT=${TENANT:-bench-export-$(date +%s)-$$}
EMAIL=${EMAIL:-bench.visitor@example.com}

for tool in curl jq awk; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
WORK=$(mktemp -d)
SAMPLER=
cleanup() {
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

curl -fsS "$BASE_URL/q/health/ready" >/dev/null || { echo "no Lethe answering at $BASE_URL" >&2; exit 2; }
if [ -z "${TOKEN:-}" ]; then
  TOKEN=$(curl -fsS "$BASE_URL/dev/token?tenant=$TENANT&roles=ingest,privacy-admin")
fi

gql() { # query-file -> response on stdout; fails on GraphQL errors
  local out
  out=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$1" "$BASE_URL/graphql")
  if [ "$(jq -r 'has("errors")' <<<"$out")" = "true" ]; then echo "GraphQL error: $out" >&2; return 1; fi
  printf '%s' "$out"
}

# heap in use (sum of the heap pools) and live data after the last GC, from Micrometer's JVM binders
heap_used() {
  curl -fsS "$BASE_URL/q/metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%.0f\n", s}'
}
live_data() {
  curl -fsS "$BASE_URL/q/metrics" | awk '/^jvm_gc_live_data_size_bytes/ && !done {print $NF; done = 1}'
}
old_gen() { # the tenured pool: what survives young collections (a buffering export would grow it)
  curl -fsS "$BASE_URL/q/metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap".*(Old|Tenured)/ {s += $NF} END {printf "%.0f\n", s}'
}
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }

# ---- seed (SKIP_SEED=1 with the TENANT of an earlier run measures again without seeding) --------
transcripts=$(( (MESSAGES + PER_TRANSCRIPT - 1) / PER_TRANSCRIPT ))
if [ "${SKIP_SEED:-0}" != 1 ]; then
echo "seeding $MESSAGES messages for $EMAIL (tenant $TENANT, $PER_TRANSCRIPT per transcript, batches of $BATCH)"
awk -v n="$BATCH" 'BEGIN {
  printf "[";
  for (i = 0; i < n; i++) {
    sender = (i % 2 == 0) ? "VISITOR" : "OPERATOR";
    body = (i % 2 == 0) ? "Hi, I ordered item " i " last week and it has not arrived yet, can you check order #A" (10000 + i) " please?" \
                        : "Thanks for waiting! Order #A" (10000 + i) " left our warehouse on 12/03/2026, tracking will follow by email.";
    printf "%s{\"sender\":\"%s\",\"senderName\":\"%s\",\"body\":\"%s\"}", (i ? "," : ""), sender, (i % 2 ? "Agent Ann" : "Visitor"), body;
  }
  printf "]";
}' >"$WORK/messages.json"

seed_transcript() { # index
  local n=$1 start="$WORK/start-$1.json" append="$WORK/append-$1.json" id left size
  printf '{"query":"mutation($k: String!) { startTranscript(input: {visitorKey: $k}) { id } }","variables":{"k":"bench-visitor"}}' >"$start"
  id=$(gql "$start" | jq -r .data.startTranscript.id)
  printf '{"query":"mutation($id: ID!, $f: [FormFieldInput!]!) { submitForm(transcriptId: $id, fields: $f) { id } }","variables":{"id":"%s","f":[{"name":"name","value":"Bench Visitor"},{"name":"email","value":"%s"},{"name":"phone","value":"+1 415 555 0100"}]}}' "$id" "$EMAIL" >"$start"
  gql "$start" >/dev/null
  left=$PER_TRANSCRIPT
  if [ $(( (n + 1) * PER_TRANSCRIPT )) -gt "$MESSAGES" ]; then left=$(( MESSAGES - n * PER_TRANSCRIPT )); fi
  while [ "$left" -gt 0 ]; do
    size=$(( left < BATCH ? left : BATCH ))
    { printf '{"query":"mutation($id: ID!, $m: [MessageInput!]!) { appendMessages(transcriptId: $id, messages: $m) { id } }","variables":{"id":"%s","m":' "$id"
      jq -c ".[0:$size]" "$WORK/messages.json"
      printf '}}'; } >"$append"
    gql "$append" >/dev/null
    left=$(( left - size ))
  done
  rm -f "$start" "$append"
}
export -f seed_transcript gql
export WORK TOKEN BASE_URL PER_TRANSCRIPT MESSAGES BATCH EMAIL
seed_start=$(date +%s.%N)
seq 0 $(( transcripts - 1 )) | xargs -P "$PARALLEL" -I{} bash -c 'seed_transcript {}'
seed_end=$(date +%s.%N)
echo "seeded $transcripts transcripts in $(awk -v a="$seed_start" -v b="$seed_end" 'BEGIN {printf "%.1f", b - a}') s"
fi

# ---- export -----------------------------------------------------------------------------------
export_request() { # format -> downloadPath
  printf '{"query":"mutation($e: String!, $f: ExportFormat) { exportVisitorData(email: $e, format: $f) { downloadPath transcriptCount } }","variables":{"e":"%s","f":"%s"}}' "$EMAIL" "$1" >"$WORK/export.json"
  gql "$WORK/export.json" | jq -r .data.exportVisitorData.downloadPath
}

sample_heap() { # background: one heap sample (total, old gen) every 100 ms into $WORK/heap
  while true; do
    printf '%s %s\n' "$(heap_used 2>/dev/null || echo 0)" "$(old_gen 2>/dev/null || echo 0)" >>"$WORK/heap"
    sleep 0.1
  done
}

download() { # path -> "seconds bytes"
  curl -fsS -H "Authorization: Bearer $TOKEN" -o /dev/null -w '%{time_total} %{size_download}\n' "$BASE_URL$1"
}

report() { # label seconds bytes
  awk -v l="$1" -v t="$2" -v b="$3" -v m="$MESSAGES" -v target="$TARGET" 'BEGIN {
    rate = m / t;
    printf "%-5s %8.0f messages/s  %6.2f s  %7.1f MiB  (%.2fx the %d msg/s target)\n", l, rate, t, b / 1048576, rate / target, target }'
}

csv_path=$(export_request CSV)
json_path=$(export_request JSON)
echo "export links: $csv_path (CSV), $json_path (JSON)"

full_gc_heap() { # heap in use right after a full GC: what is really retained
  jcmd "$LETHE_PID" GC.run >/dev/null && sleep 1 && heap_used
}
if [ -n "${LETHE_PID:-}" ]; then retained_before=$(full_gc_heap); fi
live_before=$(live_data || echo 0)
heap_before=$(heap_used)
old_before=$(old_gen)
: >"$WORK/heap"
sample_heap & SAMPLER=$!

best=""
for run in $(seq 1 "$RUNS"); do
  read -r secs bytes < <(download "$csv_path")
  report "CSV#$run" "$secs" "$bytes"
  if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$secs; best_bytes=$bytes; fi
done
read -r jsecs jbytes < <(download "$json_path")
report "JSON" "$jsecs" "$jbytes"

kill "$SAMPLER" 2>/dev/null || true; SAMPLER=
heap_peak=$(awk '$1 > m {m = $1} END {print m + 0}' "$WORK/heap")
old_peak=$(awk '$2 > m {m = $2} END {print m + 0}' "$WORK/heap")
live_after=$(live_data || echo 0)
rows=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE_URL$csv_path" | wc -l)
# (bench bodies have no line breaks, so lines = rows)

echo
echo "== export benchmark: $MESSAGES messages, $transcripts transcripts, one email =="
report "best" "$best" "$best_bytes"
echo "CSV lines: $rows (header + one row per message)"
echo "heap used before:        $(mib "$heap_before")"
echo "heap used peak (100 ms samples during $RUNS CSV + 1 JSON downloads): $(mib "$heap_peak")"
echo "old gen used:            $(mib "$old_before") before, $(mib "$old_peak") peak"
echo "live data after GC:      $(mib "${live_before:-0}") before, $(mib "${live_after:-0}") after"
if [ -n "${LETHE_PID:-}" ]; then
  echo "heap after full GC:      $(mib "$retained_before") before, $(mib "$(full_gc_heap)") after"
fi
echo "ratio to target:         $(awk -v t="$best" -v m="$MESSAGES" -v target="$TARGET" 'BEGIN {printf "%.2f", (m / t) / target}')x of $TARGET messages/s"
