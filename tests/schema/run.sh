#!/usr/bin/env bash
# ctest entry (schema_test): checks rootpol's emitted deployment files with the
# external schema checkers of this directory.
#
#   tests/schema/run.sh ROOTPOL REPO_ROOT
#
# 1. Skips (exit 77) when node or the pinned npm packages are missing
#    (install them with tests/schema/install.sh, which `make oracle` runs).
# 2. Runs selftest.sh: the checkers must reject every bad fixture.
# 3. Compiles REPO_ROOT/examples (as one program) and every
#    REPO_ROOT/tests/golden/{org,alerts}/*.rootpol not named error_*, each into its own
#    temporary directory, then checks whichever of terraform/main.tf.json,
#    cloudformation/template.json and cfct/manifest.yaml were written, one checker
#    process per format over all files.
set -uo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 ROOTPOL REPO_ROOT" >&2
  exit 2
fi
rootpol="$(realpath "$1")"
repo="$(realpath "$2")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "schema_test: SKIPPED: node is not installed"
  exit 77
fi
if [[ ! -f "$here/node_modules/@aws-cdk/aws-service-spec/package.json" || ! -f "$here/node_modules/yaml/package.json" ]]; then
  echo "schema_test: SKIPPED: npm packages missing; run tests/schema/install.sh (or make oracle)"
  exit 77
fi

if ! "$here/selftest.sh"; then
  echo "schema_test: the checkers' self-test failed"
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rootpol-schema.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cd "$repo" || exit 1

inputs=()
[[ -d examples ]] && inputs+=(examples)
for dir in tests/golden/org tests/golden/alerts; do
  [[ -d $dir ]] || continue
  for f in "$dir"/*.rootpol; do
    [[ -e "$f" && "$(basename "$f")" != error_* ]] && inputs+=("$f")
  done
done

passed=0
failed=0
declare -A files=([terraform]="" [cloudformation]="" [cfct]="")
declare -A layout=([terraform]=terraform/main.tf.json [cloudformation]=cloudformation/template.json [cfct]=cfct/manifest.yaml)

# Compile each input; collect the deployment files it wrote.
n=0
for input in "${inputs[@]}"; do
  n=$((n + 1))
  out="$tmp/$n-$(basename "$input" .rootpol)"
  if ! log="$("$rootpol" compile "$input" -o "$out" 2>&1)"; then
    echo "FAIL: rootpol compile $input -o $out:"
    echo "$log"
    failed=$((failed + 1))
    continue
  fi
  for kind in terraform cloudformation cfct; do
    [[ -f "$out/${layout[$kind]}" ]] && files[$kind]+="$out/${layout[$kind]}"$'\n'
  done
done

# One checker process per format; a file passes when no problem line names it.
check_kind() {
  local kind=$1 list output rc f
  mapfile -t list < <(printf '%s' "${files[$kind]}")
  [[ ${#list[@]} -eq 0 ]] && return
  output="$(node "$here/check_$kind.mjs" "${list[@]}" 2>&1)"
  rc=$?
  for f in "${list[@]}"; do
    if awk -v p="$f: " 'index($0, p) == 1 { found = 1 } END { exit !found }' <<<"$output"; then
      failed=$((failed + 1))
    else
      passed=$((passed + 1))
    fi
  done
  if [[ $rc -ne 0 ]]; then
    echo "$output"
    [[ $rc -ne 1 ]] && failed=$((failed + 1)) # crash or usage error: count it even if no file was named
  else
    echo "$output" | tail -1
  fi
}

for kind in terraform cloudformation cfct; do check_kind "$kind"; done

count() { printf '%s' "${files[$1]}" | grep -c .; }
echo "schema_test: ${#inputs[@]} program(s) compiled; checked $(count terraform) terraform, $(count cloudformation) cloudformation, $(count cfct) cfct file(s)"
echo "schema: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
