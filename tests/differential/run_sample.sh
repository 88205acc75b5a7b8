#!/usr/bin/env bash
# ctest entry (differential_sample): a small differential run of eval::Evaluator against
# @cloud-copilot/iam-simulate, about 3,000 requests, after replaying the known differences of
# known_differences.json (see docs/evaluator.md).
#
#   tests/differential/run_sample.sh DIFFERENTIAL REPO_ROOT
#
# Skips (exit 77) when node or tests/oracle/node_modules is missing (tests/oracle/install.sh,
# or `make oracle`, installs it). Otherwise exits 0 when every compared request agrees and
# every known difference replays as documented, 1 otherwise, 2 on a tool failure.
set -uo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 DIFFERENTIAL REPO_ROOT" >&2
  exit 2
fi
differential="$1"
repo="$2"
if ! command -v node >/dev/null 2>&1; then
  echo "differential_sample: SKIPPED: node is not installed"
  exit 77
fi
if [[ ! -d "$repo/tests/oracle/node_modules/@cloud-copilot/iam-simulate" ]]; then
  echo "differential_sample: SKIPPED: tests/oracle/node_modules is missing" \
    "(run tests/oracle/install.sh)"
  exit 77
fi
start=$(date +%s%N)
# The known differences first: each quirk filter must catch its minimal case, and each
# difference must still be there (docs/evaluator.md §3).
"$differential" --repo "$repo" --replay "$repo/tests/differential/known_differences.json"
replayed=$?
"$differential" --repo "$repo" --requests 3000 --seed 20260515
status=$?
echo "differential_sample: replay exit $replayed, sample exit $status," \
  "$(( ($(date +%s%N) - start) / 1000000 )) ms"
if [[ $replayed -ne 0 ]]; then exit "$replayed"; fi
exit "$status"
