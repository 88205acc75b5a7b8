#!/usr/bin/env bash
# Installs the schema checkers' pinned npm dependencies (from package-lock.json)
# into tests/schema/node_modules. Idempotent: does nothing when they are present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ -f node_modules/@aws-cdk/aws-service-spec/package.json && -f node_modules/yaml/package.json ]]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "tests/schema/install.sh: node and npm are required (e.g. apt-get install -y nodejs npm)" >&2
  exit 1
fi
if ! npm ci --no-audit --no-fund --loglevel=error >/dev/null; then
  echo "tests/schema/install.sh: 'npm ci' failed in $(pwd)" >&2
  exit 1
fi
