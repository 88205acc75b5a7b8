#!/usr/bin/env bash
# Cold-process cost of the AWS catalog, side by side in one run (see bench/README.md):
#
#   version      rootpol --version                         (process start, no catalog)
#   check        rootpol check one.rootpol                 (one rule, one action looked up)
#   actions-iam  rootpol catalog actions 'iam:*AccessKey*' (one service's block)
#   actions-get  rootpol catalog actions '*:Get*'          (pattern over the whole catalog)
#
# and the ratios: (X - version) / X, the share of X's time that is more than starting the
# process, plus X / version, computed on the wall-clock medians, on the wall-clock minimums
# and on the CPU time (user + system). On a shared, noisy machine the minimum and the CPU time
# are steadier estimates of what the process itself costs than the median.
#
# Usage: bench/catalog_bench.sh [--runs N] [--no-hyperfine]
# Env:   ROOTPOL (default: build/rootpol under the repository root)
# Uses hyperfine when installed (apt-get install -y hyperfine; 5 rounds, every other one in
# reverse order), otherwise a loop timed with `date +%s%N` that runs the commands round-robin:
# either way a change in the machine's load falls on all the commands alike.
# Prints numbers only: there is no threshold and no exit status that depends on them.
set -euo pipefail

runs=100
use_hyperfine=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --no-hyperfine) use_hyperfine=0; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "catalog_bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "catalog_bench.sh: --runs needs a positive integer" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rootpol="${ROOTPOL:-$root/build/rootpol}"
[[ -x "$rootpol" ]] || { echo "catalog_bench.sh: no binary at $rootpol (build first: cmake --build build)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'policy p { deny iam:CreateAccessKey for root }\n' >"$work/one.rootpol"

# Each command is one shell-quoted string: hyperfine -N splits it into words, the loop evals it.
quote() { printf '%q ' "$@"; }
names=(version check actions-iam actions-get)
commands=(
  "$(quote "$rootpol" --version)"
  "$(quote "$rootpol" check "$work/one.rootpol")"
  "$(quote "$rootpol" catalog actions 'iam:*AccessKey*')"
  "$(quote "$rootpol" catalog actions '*:Get*')"
)

# Every command must succeed before it is timed (a failing one would time an error path).
for i in "${!commands[@]}"; do
  if ! eval "${commands[$i]}" >/dev/null 2>"$work/err"; then
    echo "catalog_bench.sh: \`${commands[$i]}\` failed:" >&2
    cat "$work/err" >&2
    exit 2
  fi
done
matches_iam=$("$rootpol" catalog actions 'iam:*AccessKey*' | wc -l)
matches_get=$("$rootpol" catalog actions '*:Get*' | wc -l)

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# Both ways of timing leave, per command i, $work/t$i (wall time of each run, microseconds) and
# $work/c$i (CPU time, user + system, of each run, milliseconds).
for i in "${!commands[@]}"; do : >"$work/t$i"; : >"$work/c$i"; done
if [[ $use_hyperfine -eq 1 ]] && command -v hyperfine >/dev/null; then
  # Several rounds, every other one in reverse order, so that a change in the machine's load
  # falls on all the commands rather than on whichever hyperfine happened to time then.
  rounds=$((runs >= 10 ? 5 : 1))
  per_round=$(((runs + rounds - 1) / rounds))
  tool="hyperfine $(hyperfine --version | awk '{print $2}') -N, $rounds rounds of $per_round runs (alternating order, 2 warm-up runs each)"
  for ((r = 0; r < rounds; r++)); do
    order=()
    for i in "${!commands[@]}"; do
      if ((r % 2 == 1)); then order=("$i" "${order[@]}"); else order+=("$i"); fi
    done
    args=()
    for i in "${order[@]}"; do args+=(-n "$i" "${commands[$i]}"); done
    hyperfine -N --style basic --warmup 2 --runs "$per_round" --export-json "$work/h.json" "${args[@]}" \
      >"$work/h.log" 2>&1 || { cat "$work/h.log" >&2; exit 2; }
    # The export is pretty-printed JSON: per result a "command", "user", "system" and "times".
    awk -v dir="$work" '
      /"command":/ { gsub(/[^0-9]/, "", $2); i = $2 }
      /"user":/ { gsub(/,/, "", $2); user = $2 }
      /"system":/ { gsub(/,/, "", $2); sys = $2 }
      /"times": \[/ { inTimes = 1; next }
      inTimes && /\]/ { inTimes = 0 }
      inTimes {
        gsub(/,/, "", $1)
        printf "%d\n", $1 * 1e6 >> (dir "/t" i)
        printf "%.3f\n", (user + sys) * 1000 >> (dir "/c" i)
      }' "$work/h.json"
  done
else
  tool="date +%s%N loop (CPU time from bash's time), round-robin, 3 warm-up rounds, $runs runs each"
  TIMEFORMAT='%U %S'
  for ((r = 0; r < 3; r++)); do
    for i in "${!commands[@]}"; do eval "${commands[$i]}" >/dev/null; done
  done
  for ((r = 0; r < runs; r++)); do
    for i in "${!commands[@]}"; do
      start=$(date +%s%N)
      { time eval "${commands[$i]}" >/dev/null; } 2>"$work/cpu"
      end=$(date +%s%N)
      echo $(((end - start) / 1000)) >>"$work/t$i"
      awk '{ printf "%.3f\n", ($1 + $2) * 1000 }' "$work/cpu" >>"$work/c$i"
    done
  done
fi

# results: one line per command, "name median_ms mean_ms stddev_ms min_ms cpu_ms" (cpu: mean).
results="$work/results"
: >"$results"
for i in "${!commands[@]}"; do
  cpu=$(awk '{ sum += $1 } END { printf "%.3f", sum / NR }' "$work/c$i")
  sort -n "$work/t$i" | awk -v name="${names[$i]}" -v cpu="$cpu" '
    { v[NR] = $1; sum += $1; sq += $1 * $1 }
    END {
      median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      mean = sum / NR; var = sq / NR - mean * mean; if (var < 0) var = 0
      printf "%s %.3f %.3f %.3f %.3f %.3f\n", name, median / 1000, mean / 1000, sqrt(var) / 1000, v[1] / 1000, cpu
    }' >>"$results"
done

echo "rootpol catalog benchmark: $("$rootpol" --version), $(nproc) CPUs, load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) after"
echo "timing: $tool"
echo "matches: iam:*AccessKey* -> $matches_iam actions, *:Get* -> $matches_get actions"
echo
awk '
  BEGIN { printf "%-12s %10s %10s %10s %10s %10s\n", "command", "median ms", "mean ms", "stddev ms", "min ms", "cpu ms" }
  { printf "%-12s %10.2f %10.2f %10.2f %10.2f %10.2f\n", $1, $2, $3, $4, $5, $6 }' "$results"
echo
awk '
  { median[$1] = $2; least[$1] = $5; cpu[$1] = $6 }
  function share(a, b) { return 100 * (a - b) / a }
  function row(label, x, base) {
    printf "  %-26s %8.1f%% %8.1f%% %8.1f%% %8.2fx %8.2fx\n", label,
      share(median[x], median[base]), share(least[x], least[base]), share(cpu[x], cpu[base]),
      median[x] / median[base], least[x] / least[base]
  }
  END {
    print "ratios: share = (X - base) / X, the part of X beyond base; factor = X / base"
    printf "  %-26s %9s %9s %9s %9s %9s\n", "X vs base", "share med", "share min", "share cpu", "x med", "x min"
    row("check vs version", "check", "version")
    row("actions-iam vs version", "actions-iam", "version")
    row("actions-get vs version", "actions-get", "version")
    row("actions-get vs actions-iam", "actions-get", "actions-iam")
    row("check vs actions-iam", "check", "actions-iam")
  }' "$results"
