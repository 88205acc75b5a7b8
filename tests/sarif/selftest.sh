#!/usr/bin/env bash
# Proves validate.sh can fail: selftest/good.sarif (rootpol's own output, from the
# format_sarif CLI case) must pass alone, and every broken variant of it
# (selftest/variants.mjs) must be rejected with the message listed in selftest/cases.txt,
# all in one validator run. An empty file must be rejected too. Prints
# "selftest: N passed, N failed"; exit 1 on failure.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/rootpol-sarif-selftest.XXXXXX")")"
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
check() { # check CONDITION-EXIT-STATUS DESCRIPTION
  if [[ $1 -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $2"; fi
}

node "$here/selftest/variants.mjs" "$here/selftest/good.sarif" "$tmp" || exit 1
: >"$tmp/empty.sarif"

"$here/validate.sh" "$here/selftest/good.sarif" >"$tmp/good.out" 2>&1
check $? "good.sarif is rejected: $(cat "$tmp/good.out")"

"$here/validate.sh" "$tmp/empty.sarif" >"$tmp/empty.out" 2>&1
[[ $? -eq 1 ]] && grep -q "empty" "$tmp/empty.out"
check $? "an empty file is not rejected"

files=()
while read -r name expect; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  files+=("$tmp/$name.sarif")
done <"$here/selftest/cases.txt"
"$here/validate.sh" "${files[@]}" >"$tmp/bad.out" 2>&1
check $((1 - $?)) "the broken variants together are not rejected with exit 1"
while read -r name expect; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  grep -F "$tmp/$name.sarif" "$tmp/bad.out" | grep -qF "$expect"
  check $? "$name.sarif: no '$expect' in the validator's output"
done <"$here/selftest/cases.txt"
[[ $failed -eq 0 ]] || cat "$tmp/bad.out"
echo "selftest: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
