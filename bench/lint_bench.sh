#!/usr/bin/env bash
# How `rootpol lint` scales with the number of statements, in one run (see bench/README.md):
# one SCP document each of 1,000, 10,000 and 100,000 distinct statements (bench/lint_gen.py,
# seed 1), linted with `--kind scp`; the best wall-clock and CPU time of RUNS runs of each, and
# the ratios 10k/1k and 100k/10k (linear is 10x). When tests/oracle/node_modules has
# @cloud-copilot/iam-policy, its SCP validator is timed on the same files (in-process: parse +
# validate, node's start-up excluded) and both are given per statement.
#
# Then each shape of bench/lint_shapes.py (documents made of one shape only, which defeat one
# index or another) at 1,000 and 10,000 statements, with the ratio. Times are from
# bench/run_timed.py (microseconds; GNU time's 10 ms steps are most of a 1,000-statement run).
#
# Usage: bench/lint_bench.sh [--runs N] [--sizes "1000 10000 100000"] [--no-shapes]
# Env:   ROOTPOL (default: build-release/rootpol, else build/rootpol). The numbers of
#        bench/README.md are from a Release build:
#          cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release --target rootpol
# Prints numbers only: there is no threshold and no exit status that depends on them (the
# complexity is guarded by tests/unit/lint/cover_index_test.cpp, which counts comparisons).
set -euo pipefail

runs=3
sizes="1000 10000 100000"
shapes=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --no-shapes) shapes=0; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "lint_bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "lint_bench.sh: --runs needs a positive integer" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rootpol="${ROOTPOL:-}"
if [[ -z "$rootpol" ]]; then
  rootpol="$root/build-release/rootpol"
  [[ -x "$rootpol" ]] || rootpol="$root/build/rootpol"
fi
[[ -x "$rootpol" ]] || { echo "lint_bench.sh: no binary at $rootpol (build first)" >&2; exit 2; }
build_type="$(grep -s '^CMAKE_BUILD_TYPE:' "$(dirname "$rootpol")/CMakeCache.txt" | cut -d= -f2 || true)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "binary: $rootpol (${build_type:-unknown build type})"
echo "runs: $runs (best of)"
printf '%10s %10s %9s %10s %10s %10s %12s\n' statements bytes findings wall_s cpu_s peak_MiB us/statement
declare -A wall cpu
for n in $sizes; do
  python3 "$root/bench/lint_gen.py" "$n" >"$work/s$n.json"
  bytes=$(wc -c <"$work/s$n.json")
  best_wall="" best_cpu="" peak=""
  for ((r = 0; r < runs; r++)); do
    read -r e c m < <(python3 "$root/bench/run_timed.py" "$rootpol" lint --kind scp "$work/s$n.json")
    if [[ -z "$best_wall" ]] || (($(echo "$e < $best_wall" | bc))); then best_wall=$e; fi
    if [[ -z "$best_cpu" ]] || (($(echo "$c < $best_cpu" | bc))); then best_cpu=$c; fi
    peak=$m
  done
  "$rootpol" lint --kind scp --diagnostic-format json "$work/s$n.json" >/dev/null 2>"$work/out.json" || true
  findings=$(grep -o '"code"' "$work/out.json" | wc -l || true)
  wall[$n]=$best_wall
  cpu[$n]=$best_cpu
  printf '%10s %10s %9s %10s %10s %10s %12s\n' "$n" "$bytes" "$findings" "$best_wall" "$best_cpu" \
    "$((peak / 1024))" "$(echo "scale=2; $best_cpu * 1000000 / $n" | bc)"
done

echo
echo "ratios (CPU time; linear is the ratio of the sizes):"
prev=""
for n in $sizes; do
  if [[ -n "$prev" ]]; then
    printf '  %s -> %s statements: %sx (wall %sx)\n' "$prev" "$n" \
      "$(echo "scale=1; ${cpu[$n]} / (${cpu[$prev]} + 0.0001)" | bc)" \
      "$(echo "scale=1; ${wall[$n]} / (${wall[$prev]} + 0.0001)" | bc)"
  fi
  prev=$n
done

# In-process, both sides: the best of RUNS rounds of reading the file and checking it, with
# process start-up and the printing of findings left out (bench/lint_inprocess.cpp, and
# bench/lint_oracle.mjs for the peer, whose later rounds run JIT-compiled code).
inprocess="$(dirname "$rootpol")/tests/lint_inprocess"
declare -A inproc
if [[ -x "$inprocess" ]]; then
  echo
  echo "rootpol lint in-process (bench/lint_inprocess.cpp, best of $runs; lint's default of 2 threads, and 1):"
  printf '%10s %9s %10s %12s %12s\n' statements findings ms us/statement 'ms, 1 thread'
  for n in $sizes; do
    read -r _ found ms < <("$inprocess" "$runs" "$work/s$n.json")
    read -r _ _ ms1 < <("$inprocess" --threads 1 "$runs" "$work/s$n.json")
    inproc[$n]=$ms
    printf '%10s %9s %10s %12s %12s\n' "$n" "$found" "$ms" "$(echo "scale=2; $ms * 1000 / $n" | bc)" "$ms1"
  done
else
  echo
  echo "(no $inprocess: build the lint_inprocess target for the in-process comparison)"
fi

oracle="$root/tests/oracle/node_modules/@cloud-copilot/iam-policy"
if [[ -d "$oracle" ]] && command -v node >/dev/null; then
  echo
  echo "@cloud-copilot/iam-policy validateServiceControlPolicy, in-process (best of $runs):"
  printf '%10s %9s %10s %12s %16s %16s\n' statements errors ms us/statement 'process/oracle' 'in-process/oracle'
  for n in $sizes; do
    read -r _ st errors ms < <(node "$root/bench/lint_oracle.mjs" "$runs" "$work/s$n.json")
    ratio_in="-"
    [[ -n "${inproc[$n]:-}" ]] && ratio_in="$(echo "scale=2; ${inproc[$n]} / ($ms + 0.001)" | bc)x"
    printf '%10s %9s %10s %12s %16s %16s\n' "$st" "$errors" "$ms" "$(echo "scale=2; $ms * 1000 / $n" | bc)" \
      "$(echo "scale=2; ${cpu[$n]} * 1000 / ($ms + 0.001)" | bc)x" "$ratio_in"
  done
  echo "  process/oracle: rootpol's whole process (start-up, reading, every check, printing the"
  echo "  findings as JSON) over the peer's in-process time; in-process/oracle: both in-process."
else
  echo
  echo "(@cloud-copilot/iam-policy not installed under tests/oracle/node_modules: no comparison)"
fi

# One shape per document: whole process, best CPU time of RUNS runs.
best_cpu_of() {
  local best="" c
  for ((r = 0; r < runs; r++)); do
    read -r _ c _ < <(python3 "$root/bench/run_timed.py" "$rootpol" lint --kind scp "$1")
    if [[ -z "$best" ]] || (($(echo "$c < $best" | bc))); then best=$c; fi
  done
  echo "$best"
}
if ((shapes)); then
  echo
  echo "one shape per document (bench/lint_shapes.py), whole process, CPU s (best of $runs):"
  printf '%16s %10s %10s %8s\n' shape 1000 10000 ratio
  for shape in $(python3 "$root/bench/lint_shapes.py" --list); do
    python3 "$root/bench/lint_shapes.py" "$shape" 1000 >"$work/a.json"
    python3 "$root/bench/lint_shapes.py" "$shape" 10000 >"$work/b.json"
    a=$(best_cpu_of "$work/a.json")
    b=$(best_cpu_of "$work/b.json")
    printf '%16s %10s %10s %7sx\n' "$shape" "$a" "$b" "$(echo "scale=1; $b / ($a + 0.0001)" | bc)"
  done
fi
