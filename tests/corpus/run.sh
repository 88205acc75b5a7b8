#!/bin/sh
# Lints every document of the public policy corpus (../shared/corpus beside the repository, or
# $ROOTPOL_CORPUS) in one process: no crash, no tool failure, every finding has a position, and
# every policy file of the corpus is linted. Prints the findings by code and the wall time.
# Skips (77) when the corpus is absent.
# Usage: run.sh ROOTPOL REPO_ROOT [--table FILE | --check-doc FILE]
set -eu
ROOTPOL=$1
REPO=$2
CORPUS=${ROOTPOL_CORPUS:-$REPO/../shared/corpus}
if [ ! -d "$CORPUS" ]; then
  echo "corpus: $CORPUS is absent; skipping"
  exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$CORPUS"
expected=$(find scp other -type f \( -name '*.json' -o -name '*.tftpl' -o -name '*.yaml' -o -name '*.yml' \) | wc -l)
start=$(date +%s%N)
set +e
"$ROOTPOL" lint scp other --diagnostic-format json > "$TMP/findings.json" 2> "$TMP/stderr"
status=$?
"$ROOTPOL" lint scp other > /dev/null 2> "$TMP/human"
set -e
end=$(date +%s%N)
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  echo "corpus: lint exited $status"; cat "$TMP/stderr"; exit 1
fi
# The JSON renderer writes to stderr (as for check); findings are an array.
json="$TMP/findings.json"
[ -s "$json" ] || json="$TMP/stderr"
total=$(jq 'length' "$json")
unpositioned=$(jq '[.[] | select(.location == null or .location.file == null or .location.line == null)] | length' "$json")
linted=$(grep -o 'in [0-9]* files' "$TMP/human" | grep -o '[0-9]*')
echo "corpus: $linted files linted (expected $expected), $total findings, lint time for both runs $(( (end - start) / 1000000 )) ms"
jq -r 'group_by(.code) | map("\(.[0].code)\t\(.[0].severity)\t\(length)") | .[]' "$json"
[ "$unpositioned" -eq 0 ] || { echo "corpus: $unpositioned findings without a position"; exit 1; }
[ "$linted" -eq "$expected" ] || { echo "corpus: linted $linted of $expected files"; exit 1; }
table() {
  {
    echo "| code | severity | findings |"
    echo "|---|---|---:|"
    jq -r 'group_by(.code) | map("| \(.[0].code) | \(.[0].severity) | \(length) |") | .[]' "$json"
    echo "| | **total** | **$total** |"
  }
}
case "${3:-}" in
  --table) table > "$4" ;;
  # The table in docs/lint.md (between its markers) must be what this run finds.
  --check-doc)
    sed -n '/<!-- corpus-table:begin -->/,/<!-- corpus-table:end -->/p' "$4" | sed '1d;$d' > "$TMP/committed.md"
    table > "$TMP/actual.md"
    if ! diff -u "$TMP/committed.md" "$TMP/actual.md"; then
      echo "corpus: the findings table in $4 is out of date: run make corpus-table"; exit 1
    fi ;;
esac
