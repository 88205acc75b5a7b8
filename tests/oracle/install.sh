#!/usr/bin/env bash
# Installs the oracle's pinned npm dependencies (from package-lock.json) into
# tests/oracle/node_modules. Idempotent: does nothing when they are present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ -f node_modules/@cloud-copilot/iam-simulate/package.json ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "tests/oracle/install.sh: node and npm are required (e.g. apt-get install -y nodejs npm)" >&2
  exit 1
fi
if ! npm ci --no-audit --no-fund --loglevel=error >/dev/null; then
  echo "tests/oracle/install.sh: 'npm ci' failed in $(pwd)" >&2
  exit 1
fi
