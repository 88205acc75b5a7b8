#!/usr/bin/env bash
# Installs the SARIF validator's pinned npm packages (from package-lock.json) into
# tests/sarif/node_modules. Idempotent: does nothing when they are present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ -f node_modules/@microsoft/sarif-multitool-linux/package.json && -f node_modules/ajv-formats/package.json ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "tests/sarif/install.sh: node and npm are required (e.g. apt-get install -y nodejs npm)" >&2
  exit 1
fi
if ! npm ci --no-audit --no-fund --loglevel=error >/dev/null; then
  echo "tests/sarif/install.sh: 'npm ci' failed in $(pwd)" >&2
  exit 1
fi
# The package's postinstall makes the .NET executable runnable; do it here too in case
# install scripts are disabled (npm's ignore-scripts).
chmod u+x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
