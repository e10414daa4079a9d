#!/usr/bin/env bash
# Bulk erasure: one requestErasure per email in a file (one address per line).
#
#   LETHE_URL=https://lethe.example.com LETHE_TOKEN=... scripts/bulk-erasure.sh emails.txt [batch-name]
#
# Safe to re-run: each line gets the idempotency key "<batch-name>-<line number>", so a retry
# after a network error or a crash returns the job already created instead of a new one. The key
# deliberately holds no part of the email (keys are stored in clear). Prints "line<TAB>job id" or
# "line<TAB>ERROR<TAB>code" per line; non-zero exit status if any line failed. Parallelism: LETHE_PARALLEL
# (default 4) requests in flight; 10,000 emails take a few minutes (about 35 requests/s here).
set -euo pipefail

file="${1:?usage: bulk-erasure.sh EMAILS_FILE [BATCH_NAME]}"
batch="${2:-bulk-$(date -u +%Y%m%dT%H%M%SZ)}"
url="${LETHE_URL:-http://localhost:8080}/graphql"
token="${LETHE_TOKEN:?set LETHE_TOKEN to a privacy-admin bearer token}"
parallel="${LETHE_PARALLEL:-4}"

erase_line() {
  local line_no="$1" email="$2"
  [ -z "$email" ] && return 0
  local escaped=${email//\\/\\\\}
  escaped=${escaped//\"/\\\"}
  local body
  body=$(printf '{"query":"mutation($i: ErasureInput!) { requestErasure(input: $i) { id status } }","variables":{"i":{"email":"%s","idempotencyKey":"%s-%s"}}}' \
    "$escaped" "$batch" "$line_no")
  local response
  response=$(curl -sS -X POST "$url" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data "$body") || {
    printf '%s\tERROR\tnetwork\n' "$line_no"; return 1; }
  local id
  id=$(printf '%s' "$response" | sed -n 's/.*"requestErasure":{"id":"\([^"]*\)".*/\1/p')
  if [ -n "$id" ]; then
    printf '%s\t%s\n' "$line_no" "$id"
  else
    printf '%s\tERROR\t%s\n' "$line_no" "$(printf '%s' "$response" | sed -n 's/.*"code":"\([A-Z_]*\)".*/\1/p')"
    return 1
  fi
}
export -f erase_line
export url token batch

# "line_no<TAB>email" pairs, fanned out to $parallel workers
awk '{ gsub(/\r/, ""); gsub(/^[ \t]+|[ \t]+$/, ""); print NR "\t" $0 }' "$file" \
  | xargs -P "$parallel" -d '\n' -I{} bash -c 'IFS=$'"'"'\t'"'"' read -r n e <<< "$1"; erase_line "$n" "$e"' _ {}
