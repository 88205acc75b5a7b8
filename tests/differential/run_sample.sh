#!/usr/bin/env bash
# ctest entry (differential_sample): a small differential run of eval::Evaluator against
# @cloud-copilot/iam-simulate, about 3,000 requests (see docs/evaluator.md).
#
#   tests/differential/run_sample.sh DIFFERENTIAL REPO_ROOT
#
# Skips (exit 77) when node or tests/oracle/node_modules is missing (tests/oracle/install.sh,
# or `make oracle`, installs it). Otherwise exits with the program's status: 0 when every
# compared request agrees, 1 on any disagreement that no named oracle quirk explains.
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
"$differential" --repo "$repo" --requests 3000 --seed 20260515
status=$?
echo "differential_sample: exit $status after $(( ($(date +%s%N) - start) / 1000000 )) ms"
exit "$status"
