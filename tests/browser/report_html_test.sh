#!/usr/bin/env bash
# report.html in a real browser: `rootpol compile` writes OUT/report.html for the examples'
# organization; headless Chromium loads it from disk (no network), and the rendered DOM must show
# every account and every policy that report.json lists, the script must have run (it fills in
# the counts), and the console must log no error. Skipped (exit 77) when Chromium is missing.
set -euo pipefail
ROOTPOL=$1
SRC=$2
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$CHROMIUM" ]]; then
  echo "SKIP: chromium is not installed (make deps installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Containers often lack a usable /dev/shm or sandbox: both are turned off, as a CI job does.
FLAGS=(--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
       --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
# A browser that cannot start here at all is an environment problem, not a failure of the page:
# probe it with a page of one line first, and skip (saying why) when even that does not render.
printf '<p id="probe">x</p>' >"$work/probe.html"
if ! timeout 60 "$CHROMIUM" "${FLAGS[@]}" --dump-dom "file://$work/probe.html" 2>"$work/probe.log" | grep -q 'id="probe"'; then
  echo "SKIP: chromium cannot render a page in this environment:"; tail -5 "$work/probe.log"
  exit 77
fi
"$ROOTPOL" compile "$SRC/examples" -o "$work/out" >/dev/null 2>&1
test -f "$work/out/report.html"
# --dump-dom prints the DOM after the page's scripts ran; console messages go to the log.
timeout 60 "$CHROMIUM" "${FLAGS[@]}" --dump-dom "file://$work/out/report.html" >"$work/dom.html" 2>"$work/console.log" || {
  echo "FAIL: chromium exited $?"; cat "$work/console.log"; exit 1; }
fail=0
if grep -E 'CONSOLE.*(Uncaught|Error)|Uncaught ' "$work/console.log"; then
  echo "FAIL: the page logged a script error"; fail=1
fi
accounts=$(jq -r '.accounts[].account // empty' "$work/out/report.json" 2>/dev/null || true)
[[ -n "$accounts" ]] || accounts=$(jq -r '.targets[].target | select(startswith("account "))' "$work/out/report.json")
for a in $accounts; do
  [[ "$a" == account ]] && continue
  grep -q -- "$a" "$work/dom.html" || { echo "FAIL: account $a is not on the page"; fail=1; }
done
for p in $(jq -r '.policies[].name' "$work/out/report.json"); do
  grep -q -- ">$p<" "$work/dom.html" || { echo "FAIL: policy $p is not on the page"; fail=1; }
done
# The script ran: it wrote the counts into #counts.
grep -Eq '<p id="counts">[0-9]+ accounts, [0-9]+ policies</p>' "$work/dom.html" || { echo "FAIL: the page's script did not run"; fail=1; }
[[ $fail == 0 ]] && echo "report.html: $(grep -o 'class="node account' "$work/dom.html" | wc -l) accounts and $(jq '.policies | length' "$work/out/report.json") policies rendered, no script error"
exit $fail
