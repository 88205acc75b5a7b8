#!/usr/bin/env bash
# The packer's benchmark (docs/packing.md §5):
#  1. rootpol's packing against the SCP preprocessor's method on groups of corpus SCPs;
#  2. compile time from 1,000 to 10,000 rules (goal: at most 12x), plain one-action rules and
#     rules with four `or` groups each.
# Usage: bench/pack_bench.sh [BUILD_DIR] [CORPUS_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
corpus="${2:-$here/../../shared/corpus}"
rootpol="$build/rootpol"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ -d "$corpus/scp" ]; then
  "$build/tests/pack_bench" "$corpus"
else
  echo "no corpus at $corpus: packing comparison skipped"
fi

# Best of three runs of `rootpol compile`, in milliseconds.
timed() {
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s%N)
    "$rootpol" compile "$1" -o "$tmp/out" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    local ms=$(((end - start) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

echo
echo "| program | 1,000 rules (ms) | 10,000 rules (ms) | ratio |"
echo "|---|---|---|---|"
for variant in "" "--or 4"; do
  python3 "$here/pack_rules.py" 1000 $variant >"$tmp/small.rootpol"
  python3 "$here/pack_rules.py" 10000 $variant >"$tmp/large.rootpol"
  small=$(timed "$tmp/small.rootpol")
  large=$(timed "$tmp/large.rootpol")
  echo "| one-action rules ${variant:-(no or)} | $small | $large | $(python3 -c "print(round($large / max($small, 1), 1))") |"
done
