#!/usr/bin/env bash
# Proves the schema checkers can fail: runs each checker on the hand-written
# fixtures of selftest/ as listed in selftest/cases.txt. Every good fixture must
# pass; every bad fixture must be rejected with exactly the listed number of
# problem lines, one of which contains the expected message. Every bad_* fixture
# on disk must be listed. Prints "selftest: N passed, N failed"; exit 1 on failure.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/selftest"

passed=0
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

declare -A checker_of count_of expect_of
declare -a fixtures=()
while read -r checker fixture count expect; do
  [[ -z "$checker" || "$checker" == \#* ]] && continue
  fixtures+=("$fixture")
  checker_of[$fixture]=$checker
  count_of[$fixture]=$count
  expect_of[$fixture]=$expect
done < cases.txt

# Every bad fixture on disk has a case.
for f in cloudformation/bad_*.json terraform/bad_*.json cfct/bad_*.yaml; do
  [[ -n "${checker_of[$f]:-}" ]] || fail "$f is not listed in selftest/cases.txt"
done

# run_checker CHECKER FIXTURE... : one node process per checker and kind (fast:
# the CloudFormation spec is loaded once). Output is in $out, exit code in $rc.
run_checker() {
  local checker=$1; shift
  out="$(node "$here/check_$checker.mjs" "$@" 2>&1)"
  rc=$?
}

check_good() {
  local checker=$1; shift
  [[ $# -eq 0 ]] && return
  run_checker "$checker" "$@"
  if [[ $rc -eq 0 ]]; then passed=$((passed + $#)); else fail "good fixtures rejected by $checker (exit $rc):"; echo "$out"; fi
}

check_bad() {
  local checker=$1; shift
  [[ $# -eq 0 ]] && return
  run_checker "$checker" "$@"
  [[ $rc -eq 1 ]] || fail "$checker exited $rc on bad fixtures (expected 1)"
  local f lines n
  for f in "$@"; do
    lines="$(awk -v p="$f: " 'index($0, p) == 1' <<<"$out")"
    n=$(grep -c . <<<"$lines")
    if [[ "$n" -ne "${count_of[$f]}" ]]; then
      fail "$f: expected ${count_of[$f]} problem(s), got $n:"; echo "$lines"
    elif ! grep -qF -- "${expect_of[$f]}" <<<"$lines"; then
      fail "$f: no problem mentions '${expect_of[$f]}':"; echo "$lines"
    else
      passed=$((passed + 1))
    fi
  done
}

for checker in cloudformation terraform cfct; do
  good=() bad=()
  for f in "${fixtures[@]}"; do
    [[ "${checker_of[$f]}" == "$checker" ]] || continue
    if [[ "${count_of[$f]}" -eq 0 ]]; then good+=("$f"); else bad+=("$f"); fi
  done
  check_good "$checker" "${good[@]}"
  check_bad "$checker" "${bad[@]}"
done

echo "selftest: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
