#!/usr/bin/env bash
# Validates SARIF files: each against the SARIF 2.1.0 JSON schema (ajv, schema_check.mjs), then
# those that pass with the SARIF multitool's schema pass and correctness rules (SARIF1xxx), in
# one run of the slow-starting .NET tool over one log holding all their runs (merge.mjs).
#
#   tests/sarif/validate.sh FILE...
#
# Exit 0 when no file has a finding of level "error" (warnings and notes are printed as
# counts only), 1 when one does or a file was not scanned, 2 when the tool is missing or fails.
set -uo pipefail
if [[ $# -eq 0 ]]; then
  echo "usage: $0 FILE..." >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! tool="$(cd "$here" && node -p "require('@microsoft/sarif-multitool')" 2>/dev/null)" || [[ ! -x "$tool" ]]; then
  echo "validate.sh: the SARIF multitool is not installed; run tests/sarif/install.sh" >&2
  exit 2
fi

files=()
for f in "$@"; do
  # The tool skips empty files without a word: an empty "SARIF" output must still fail.
  if [[ ! -s "$f" ]]; then
    echo "$f: empty or missing"
    exit 1
  fi
  files+=("$(realpath "$f")")
done

tmp="$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/rootpol-sarif-validate.XXXXXX")")"
trap 'rm -rf "$tmp"' EXIT
node "$here/schema_check.mjs" "$tmp/passed.txt" "${files[@]}"
schema_status=$?
mapfile -t passed <"$tmp/passed.txt"

status=0
if [[ ${#passed[@]} -gt 0 ]]; then
  node "$here/merge.mjs" "$tmp/merged.sarif" "$tmp/map.json" "${passed[@]}" || exit 2
  mapfile -t targets < <(node -e 'const m = require(process.argv[1]);
    for (const f of [m.merged, ...m.separate]) if (f) console.log(f);' "$tmp/map.json")
  # --max-file-size-in-kb: large logs must be validated too, never skipped. The configuration
  # turns off the one rule that goes to the network (URI reachability).
  output="$("$tool" validate "${targets[@]}" --output "$tmp/validation.sarif" --log ForceOverwrite \
    --config "$here/validate.configuration.xml" --max-file-size-in-kb 1048576 2>&1)"
  if [[ ! -f "$tmp/validation.sarif" ]]; then
    echo "$output"
    echo "validate.sh: the SARIF multitool wrote no output" >&2
    exit 2
  fi
  scanned="$(sed -n 's/^Done\. \([0-9]*\) files\{0,1\} scanned\..*/\1/p' <<<"$output")"
  node "$here/summarize.mjs" "$tmp/validation.sarif" "${scanned:-0}" "${#targets[@]}" "$tmp/map.json"
  status=$?
fi
if [[ $schema_status -ne 0 ]]; then
  echo "validate.sh: $((${#files[@]} - ${#passed[@]})) of ${#files[@]} file(s) fail the SARIF 2.1.0 JSON schema (above)"
  exit 1
fi
exit $status
