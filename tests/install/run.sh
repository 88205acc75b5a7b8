#!/usr/bin/env bash
# A packager's install: `cmake --install` of this build into a fresh prefix, then the installed
# binary, run from a directory that is neither the source nor the build tree, compiles the
# installed examples. Proves the binary needs nothing from the source or build tree at run time.
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
bin="$work/prefix/bin/rootpol"
[[ -x $bin ]] || { echo "FAIL: no executable at prefix/bin/rootpol"; cat "$work/install.log"; exit 1; }
examples="$work/prefix/share/doc/rootpol/examples"
[[ -f $examples/organization.rootpol ]] || { echo "FAIL: examples not installed under share/doc/rootpol"; exit 1; }
mkdir "$work/elsewhere"
cd "$work/elsewhere"
"$bin" --version
"$bin" compile "$examples" -o out >"$work/compile.log" 2>&1 || { cat "$work/compile.log"; echo "FAIL: compile"; exit 1; }
n=$(find out/scp -name '*.json' | wc -l)
[[ $n -ge 10 ]] || { echo "FAIL: expected at least 10 SCPs, got $n"; exit 1; }
for f in terraform/main.tf.json cloudformation/template.json cfct/manifest.yaml report.json; do
  [[ -s out/$f ]] || { echo "FAIL: out/$f missing"; exit 1; }
done
echo "installed rootpol compiled $n SCPs from the installed examples"
