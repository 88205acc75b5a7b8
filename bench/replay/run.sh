#!/bin/sh
# bench/replay/run.sh [FILES] [RECORDS]: generates CloudTrail logs under build/bench-replay/
# (plain, gzipped, and plain with every call distinct), builds replay_bench and runs it over each
# set with examples/organization.rootpol (bench/README.md).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$root/build}
files=${1:-8}
records=${2:-20000}
out=$build/bench-replay
rm -rf "$out"
python3 "$root/bench/replay/gen_cloudtrail.py" "$out/plain" "$files" "$records"
python3 "$root/bench/replay/gen_cloudtrail.py" "$out/gzip" "$files" "$records" --gzip
python3 "$root/bench/replay/gen_cloudtrail.py" "$out/distinct" "$files" "$records" --distinct
cmake --build "$build" -j2 --target replay_bench >/dev/null
echo "== plain .json"
"$build/bench/replay/replay_bench" "$root/examples/organization.rootpol" "$out/plain" --rounds 5
echo "== gzipped .json.gz (both sides inflate)"
"$build/bench/replay/replay_bench" "$root/examples/organization.rootpol" "$out/gzip" --rounds 3
echo "== plain .json, every call distinct (the decision caches rarely hit)"
"$build/bench/replay/replay_bench" "$root/examples/organization.rootpol" "$out/distinct" --rounds 3
