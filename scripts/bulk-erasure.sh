#!/usr/bin/env bash
# Bulk erasure: one requestErasure per email in a file (one address per line). Needs bash, curl,
# jq and openssl.
#
#   LETHE_URL=https://lethe.example.com LETHE_TOKEN=... LETHE_ERASURE_KEY_SECRET=... \
#     scripts/bulk-erasure.sh emails.txt BATCH_NAME
#
# Safe to re-run, also after editing the file: each address gets the idempotency key
# "<BATCH_NAME>-<HMAC-SHA256 of the normalised address>" (trimmed, lower-cased, keyed with
# LETHE_ERASURE_KEY_SECRET), so the same address in the same batch always maps to the same job:
# lines inserted, removed, moved or written in another case create nothing twice, and a retry
# after a network error or a crash returns the jobs already created. Keys are stored in clear, so
# they hold no part of the address and not its line number. Keep the secret (any long random
# string, e.g. openssl rand -hex 32; not Lethe's LETHE_HMAC_SECRET) for as long as a batch may be
# re-run: another secret gives other keys. It is passed to openssl on its command line, visible to
# other users of the machine that runs this script.
#
# Prints one line per non-blank input line, in input order: "line<TAB>job id<TAB>status", or
# "line<TAB>ERROR<TAB>code<TAB>message" with the API's message. A repeated address reports its first
# line's job. Exit status 1 if any line failed. LETHE_PARALLEL (default 4) requests in flight.
set -euo pipefail

usage="usage: bulk-erasure.sh EMAILS_FILE BATCH_NAME   (env: LETHE_URL, LETHE_TOKEN, LETHE_ERASURE_KEY_SECRET)"
file="${1:?$usage}"
batch="${2:?$usage}"
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }
[[ "$batch" =~ ^[A-Za-z0-9._-]{1,100}$ ]] || { echo "BATCH_NAME: 1-100 of A-Z a-z 0-9 . _ -" >&2; exit 2; }
url="${LETHE_URL:-http://localhost:8080}/graphql"
token="${LETHE_TOKEN:?set LETHE_TOKEN to a privacy-admin bearer token}"
secret="${LETHE_ERASURE_KEY_SECRET:?set LETHE_ERASURE_KEY_SECRET (keys the idempotency keys; keep it for re-runs)}"
parallel="${LETHE_PARALLEL:-4}"
for tool in curl jq openssl; do
  command -v "$tool" >/dev/null || { echo "bulk-erasure.sh needs $tool" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/results"

# writes the result of one address to results/<first line number>
erase() {
  local first="$1" email="$2" key response id
  key="$batch-$(printf '%s' "$email" | openssl dgst -sha256 -hmac "$secret" | awk '{ print $NF }')"
  response=$(jq -cn --arg e "$email" --arg k "$key" \
      '{query: "mutation($i: ErasureInput!) { requestErasure(input: $i) { id status } }",
        variables: {i: {email: $e, idempotencyKey: $k}}}' \
    | curl -sS -X POST "$url" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary @- 2>&1) || {
    printf 'ERROR\tNETWORK\t%s\n' "$(printf '%s' "$response" | tr '\t\n' '  ')" > "$work/results/$first"; return 0; }
  id=$(printf '%s' "$response" | jq -r '.data.requestErasure.id // empty' 2>/dev/null || true)
  if [ -n "$id" ]; then
    printf '%s\t%s\n' "$id" "$(printf '%s' "$response" | jq -r '.data.requestErasure.status')" > "$work/results/$first"
  else
    printf '%s' "$response" | jq -r '"ERROR\t" + (.errors[0].extensions.code // "UNKNOWN") + "\t"
        + ((.errors[0].message // "no message") | gsub("[\t\n]"; " "))' > "$work/results/$first" 2>/dev/null \
      || printf 'ERROR\tUNKNOWN\tthe answer was not JSON\n' > "$work/results/$first"
  fi
}
export -f erase
export url token batch secret work

# "line<TAB>normalised address<TAB>first line with that address" for every non-blank line; ASCII
# lower-casing is what the server does for every address it accepts
LC_ALL=C awk '{ gsub(/\r/, ""); gsub(/^[ \t]+|[ \t]+$/, ""); gsub(/\t/, " "); if ($0 == "") next; e = tolower($0)
               if (!(e in first)) first[e] = NR; print NR "\t" e "\t" first[e] }' "$file" > "$work/lines"

# each address once, $parallel at a time
awk -F '\t' '$1 == $3 { print $1 "\t" $2 }' "$work/lines" \
  | xargs -r -P "$parallel" -d '\n' -I{} bash -c 'IFS=$'"'"'\t'"'"' read -r n e <<< "$1"; erase "$n" "$e"' _ {}

failed=0
while IFS=$'\t' read -r n _ first; do
  result=$(cat "$work/results/$first" 2>/dev/null || printf 'ERROR\tUNKNOWN\tno answer recorded')
  printf '%s\t%s\n' "$n" "$result"
  case "$result" in ERROR*) failed=1 ;; esac
done < "$work/lines"
exit "$failed"
