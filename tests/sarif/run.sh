#!/usr/bin/env bash
# ctest entry (sarif_test): validates rootpol's `--diagnostic-format sarif` output.
#
#   tests/sarif/run.sh ROOTPOL REPO_ROOT
#
# 1. Skips (exit 77) when node or the pinned npm packages are missing (install them with
#    tests/sarif/install.sh, which `make oracle` runs).
# 2. Runs selftest.sh: the validator must reject broken SARIF.
# 3. Writes SARIF with `rootpol check` for every tests/golden/*/*.rootpol (one program per run:
#    two golden files may declare the same name) except lint/, and for examples/ as one program;
#    then, when the binary has `lint`, with `rootpol lint` over tests/golden/lint and over the
#    shared corpus (REPO_ROOT/../shared/corpus) when present. Exit status 0 or 1 is fine
#    (1 means findings); 2 or a crash is a failure.
# 4. Validates every file in one validate.sh run. Prints "sarif: N passed, N failed".
set -uo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 ROOTPOL REPO_ROOT" >&2
  exit 2
fi
rootpol="$(realpath "$1")"
repo="$(realpath "$2")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "sarif_test: SKIPPED: node is not installed"
  exit 77
fi
if [[ ! -f "$here/node_modules/@microsoft/sarif-multitool-linux/package.json" || ! -f "$here/node_modules/ajv-formats/package.json" ]]; then
  echo "sarif_test: SKIPPED: npm packages missing; run tests/sarif/install.sh (or make oracle)"
  exit 77
fi

if ! "$here/selftest.sh"; then
  echo "sarif_test: the validator's self-test failed"
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rootpol-sarif.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cd "$repo" || exit 1

files=()
failed=0
declare -A made=([check]=0 [lint]=0)
# produce KIND NAME ARGS...: runs `rootpol KIND --diagnostic-format sarif ARGS` into NAME.sarif.
produce() {
  local kind=$1 name=$2 status
  shift 2
  "$rootpol" "$kind" --diagnostic-format sarif "$@" >"$tmp/$name.sarif" 2>"$tmp/$name.err"
  status=$?
  if [[ $status -gt 1 ]]; then
    echo "FAIL: rootpol $kind $* exited $status:"
    cat "$tmp/$name.err"
    failed=$((failed + 1))
    return
  fi
  files+=("$tmp/$name.sarif")
  made[$kind]=$((made[$kind] + 1))
}

for f in tests/golden/*/*.rootpol; do
  [[ -e "$f" && "$f" != tests/golden/lint/* ]] || continue
  name="$(basename "$(dirname "$f")")-$(basename "$f" .rootpol)"
  produce check "check-$name" "$f"
done
[[ -d examples ]] && produce check check-examples examples

if "$rootpol" lint --help >/dev/null 2>&1; then
  [[ -d tests/golden/lint ]] && produce lint lint-golden tests/golden/lint
  [[ -d ../shared/corpus ]] && produce lint lint-corpus ../shared/corpus
else
  echo "sarif_test: this rootpol has no lint command; only check output is validated"
fi

results="$(node -e 'const fs = require("fs"); let n = 0;
  for (const f of process.argv.slice(1)) {
    try { for (const r of JSON.parse(fs.readFileSync(f, "utf8")).runs) n += r.results.length; } catch {}
  }
  console.log(n);' "${files[@]}")"
echo "sarif_test: ${made[check]} file(s) from rootpol check, ${made[lint]} from rootpol lint, $results result(s)"

start=$SECONDS
output="$("$here/validate.sh" "${files[@]}" 2>&1)"
status=$?
echo "$output"
echo "sarif_test: validation took $((SECONDS - start)) s"
passed=0
for f in "${files[@]}"; do
  if grep -qF "$f:" <<<"$output"; then
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
# A validator failure that names no file (tool missing or crashed) still fails the test.
[[ $status -ne 0 && $failed -eq 0 ]] && failed=1
echo "sarif: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
