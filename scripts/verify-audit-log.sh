#!/usr/bin/env bash
# Verifies a downloaded audit log (GET /audit-log, NDJSON) without Lethe: needs bash, jq, sha256sum
# and the usual find/xargs/awk.
#
#   scripts/verify-audit-log.sh audit.ndjson
#
# For every line: hash = sha256 hex of prevHash, seq, at, actor, action, targetType, targetId,
# details joined by U+001F (a missing value is the empty string), UTF-8 (docs/audit.md). Where two
# lines have consecutive seq, the second's prevHash must be the first's hash. Prints one line per
# failure and a summary; exits 1 if any line fails, 2 on bad usage or an unreadable file.
# "complete chain" in the summary means the file is the whole chain up to its last line: seq 1, 2,
# 3, ... without a gap, starting from the genesis hash (64 zeros).
set -euo pipefail

file="${1:?usage: verify-audit-log.sh AUDIT_LOG.ndjson}"
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }
if ! jq -e 'type == "object"' "$file" >/dev/null 2>&1; then
  echo "FAILED: $file is not NDJSON (one JSON object per line)"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/c"

# jq writes, per line: the canonical text, the stored hash, prevHash and seq, each ended by NUL
# (NUL cannot occur in Lethe's text, so every other character, newlines included, survives). Each
# canonical text goes to a file of its own, so one sha256sum run hashes them all.
jq -j '([.prevHash, (.seq | tostring), .at, .actor, .action, (.targetType // ""), (.targetId // ""), (.details // "")]
        | join("\u001f")) + "\u0000" + (.hash // "") + "\u0000" + (.prevHash // "") + "\u0000"
        + (.seq | tostring) + "\u0000"' "$file" | {
  n=0
  while IFS= read -r -d '' canonical && IFS= read -r -d '' hash && IFS= read -r -d '' prev \
      && IFS= read -r -d '' seq; do
    n=$((n + 1))
    printf '%s' "$canonical" > "$work/c/$n"
    printf '%s %s %s %s\n' "$n" "$seq" "${hash:--}" "${prev:--}"
  done
} > "$work/lines"

(cd "$work/c" && find . -type f -print0 | xargs -0 -r sha256sum) > "$work/computed"

awk -v genesis="$(printf '0%.0s' {1..64})" '
  FNR == NR { name = $2; sub(/^\*?\.\//, "", name); computed[name] = $1; next }
  {
    n = $1; seq = $2; hash = $3; prev = $4; lines++
    if (seq !~ /^[0-9]+$/) { print "line " n ": no seq"; bad++; complete = 0; next }
    if (computed[n] != hash) { print "line " n " (seq " seq "): hash does not match the content"; bad++ }
    if (lines > 1 && seq == last_seq + 1 && prev != last_hash) {
      print "line " n " (seq " seq "): prevHash is not the hash of seq " last_seq; bad++
    }
    if (lines == 1) complete = (seq == 1 && prev == genesis)
    else if (seq != last_seq + 1) complete = 0
    last_seq = seq; last_hash = hash
  }
  END {
    if (bad > 0) { print "FAILED: " bad " problem(s) in " lines " line(s)"; exit 1 }
    if (lines > 0 && complete) print "OK: " lines " line(s), complete chain from seq 1 to " last_seq ", last hash " last_hash
    else print "OK: " lines + 0 " line(s), each hash matches its content and prevHash (not the whole chain from seq 1)"
  }' "$work/computed" "$work/lines"
