#!/usr/bin/env bash
# Differential testing at scale: eval::Evaluator against @cloud-copilot/iam-simulate on
# generated requests over every SCP of examples/, the golden programs and the public corpus,
# with both throughputs side by side (see bench/README.md and docs/evaluator.md).
#
# Usage: bench/differential.sh [--requests N] [--seed S] [--json FILE] [--corpus DIR]
# Env:   BUILD (default: build under the repository root)
# Builds the `differential` target first (configuring BUILD when it has no cache yet) and
# installs the oracle's node_modules when they are missing (tests/oracle/install.sh).
# Prints the disagreements (the first 20 in full) and the summary; exits with the program's
# status: 0 no disagreement, 1 disagreements, 2 usage or tool failure.
set -euo pipefail

requests=100000
seed=1
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --requests) requests="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --json|--corpus) extra+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "differential.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD:-$root/build}"
[[ -f "$build/CMakeCache.txt" ]] || cmake -S "$root" -B "$build" >/dev/null
cmake --build "$build" --target differential -j2 >/dev/null
"$root/tests/oracle/install.sh"

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
echo "machine: $(nproc) CPUs, load average $load"
start=$(date +%s)
set +e
"$build/tests/differential/differential" --repo "$root" --requests "$requests" \
  --seed "$seed" "${extra[@]}"
status=$?
set -e
echo "wall time: $(( $(date +%s) - start )) s, exit $status"
exit "$status"
