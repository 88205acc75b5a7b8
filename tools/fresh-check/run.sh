#!/usr/bin/env bash
# make fresh-check: the README's quick-start commands, exactly as written there, in a fresh
# minimal Debian 12, so a missing install step cannot hide behind a prepared developer machine.
#
#   - base system: `debootstrap --variant=minbase bookworm` from the machine's Debian mirror,
#     plus make, git, ca-certificates, the machine's own CA certificates and npm settings;
#     nothing else. It is built once and cached as a tarball in FRESH_CACHE; every run unpacks
#     a new copy, so no run sees what an earlier one installed.
#   - the project: a clean `git archive HEAD` at /src/rootpol, with ../shared bind-mounted
#     read-only at /src/shared when it exists (the corpus tests skip without it).
#   - downloads only are cached between runs (apt's .deb archives, npm's cache): what gets
#     installed is decided afresh each time by the project's own Makefile.
#
# Prints the wall time of each command; on failure prints the failing lines and exits 1.
# Mounts are always undone (trap on EXIT, INT and TERM). Needs root (chroot, mount).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHARED=$(cd "$REPO/.." && pwd)/shared
CACHE=${FRESH_CACHE:-/var/cache/rootpol/fresh-check}
BASE_TAR=$CACHE/base-bookworm-minbase.tar
ROOT=$CACHE/root
LOGS=$CACHE/logs
# What the base system gets beyond minbase, exactly the issue's list. Part of the cache key.
BASE_EXTRA="make git ca-certificates"

die() { echo "fresh-check: $*" >&2; exit 2; }
[[ $(id -u) == 0 ]] || die "needs root (debootstrap, chroot and mount)"
git -C "$REPO" rev-parse --verify -q HEAD >/dev/null || die "$REPO is not a git checkout with a HEAD"

# The quick-start commands: the indented `make ...` lines of the README's "Quick start" section.
# Read from HEAD, like the code the commands run on, not from the working tree.
mapfile -t COMMANDS < <(git -C "$REPO" show HEAD:README.md |
  awk '/^## /{in_qs = ($0 ~ /^## Quick start/)} in_qs && /^    make /{sub(/^    /, ""); print}')
[[ ${#COMMANDS[@]} -ge 1 ]] || die "README.md has no indented 'make ...' command under '## Quick start'"

# The Debian mirror from the machine's own apt sources (deb822 or one-line format).
mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    uri=$(awk '/^URIs:/{u=$2} /^Suites:/ && / bookworm( |$)/{print u; exit}' "$f")
    [[ -n $uri ]] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    uri=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' "$f")
    [[ -n $uri ]] && { echo "$uri"; return; }
  done
  echo http://deb.debian.org/debian
}
MIRROR=$(mirror)

MOUNTS=()
cleanup() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount -R "${MOUNTS[i]}" 2>/dev/null || umount -R -l "${MOUNTS[i]}" 2>/dev/null || true
  done
  MOUNTS=()
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

mounted_under() { awk -v d="$1" '$2 == d || index($2, d "/") == 1 {print $2}' /proc/mounts; }

# Never remove a tree that still has something mounted in it (a bound /dev, ../shared): undo
# leftovers of a killed run first, and refuse if any remain.
safe_rm() {
  local m
  for m in $(mounted_under "$1" | sort -r); do umount -R -l "$m" 2>/dev/null || true; done
  [[ -z $(mounted_under "$1") ]] || die "still mounted under $1; not removing it"
  rm -rf "$1"
}

bind() { # bind SOURCE TARGET [ro]
  mkdir -p "$2"
  mount --bind "$1" "$2"
  MOUNTS+=("$2")
  [[ ${3:-} == ro ]] && mount -o remount,bind,ro "$2"
  return 0
}

enter_mounts() { # the kernel file systems and the network settings a chroot needs
  mkdir -p "$1/proc" "$1/sys" "$1/dev"
  mount -t proc proc "$1/proc"; MOUNTS+=("$1/proc")
  mount -t sysfs sysfs "$1/sys"; MOUNTS+=("$1/sys")
  mount --rbind /dev "$1/dev"; mount --make-rslave "$1/dev"; MOUNTS+=("$1/dev")
  cp -L /etc/resolv.conf "$1/etc/resolv.conf"
  cp -L /etc/hosts "$1/etc/hosts"
}

in_root() { # in_root ROOT COMMAND: a login-like clean environment, as a new user has
  local env=(HOME=/root LANG=C.UTF-8 TERM=dumb
             PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  # The machine's npm settings: a TLS-inspecting egress needs node to trust the machine's CAs.
  # The system bundle, which holds the machine's CAs (added to the base system), unless the
  # machine names another file.
  env+=("NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}")
  local v
  for v in $(compgen -e | grep -E '^(npm_config_|https?_proxy$|HTTPS?_PROXY$|no_proxy$|NO_PROXY$)' || true); do
    env+=("$v=${!v}")
  done
  chroot "$1" /usr/bin/env -i "${env[@]}" /bin/bash -c "$2"
}

build_base() {
  command -v debootstrap >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  local tmp=$CACHE/base.tmp
  safe_rm "$tmp"; mkdir -p "$tmp"
  echo "fresh-check: debootstrap --variant=minbase bookworm from $MIRROR (cached afterwards)"
  debootstrap --variant=minbase bookworm "$tmp" "$MIRROR" >"$LOGS/debootstrap.log" 2>&1 \
    || { tail -20 "$LOGS/debootstrap.log"; die "debootstrap failed (log: $LOGS/debootstrap.log)"; }
  # The machine's Debian sources (main, updates, security) replace debootstrap's one line.
  local f
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list; do
    [[ -f $f ]] && grep -qE '^(URIs:|deb) .*debian' "$f" && cp "$f" "$tmp/etc/apt/${f#/etc/apt/}"
  done
  [[ -f $tmp/etc/apt/sources.list.d/debian.sources ]] && rm -f "$tmp/etc/apt/sources.list"
  enter_mounts "$tmp"
  in_root "$tmp" "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                 --no-install-recommends $BASE_EXTRA" >"$LOGS/base.log" 2>&1 \
    || { cleanup; tail -20 "$LOGS/base.log"; die "installing $BASE_EXTRA failed"; }
  # The machine's own CA certificates and npm settings.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$tmp/usr/local/share/ca-certificates/"
    in_root "$tmp" "update-ca-certificates >/dev/null 2>&1"
  fi
  [[ -f $HOME/.npmrc ]] && cp "$HOME/.npmrc" "$tmp/root/.npmrc"
  in_root "$tmp" "apt-get clean && rm -rf /var/lib/apt/lists/*"
  cleanup
  tar -C "$tmp" -cpf "$BASE_TAR.tmp" . && mv "$BASE_TAR.tmp" "$BASE_TAR"
  echo "$MIRROR $BASE_EXTRA" >"$BASE_TAR.key"
  safe_rm "$tmp"
}

mkdir -p "$CACHE" "$LOGS" "$CACHE/apt-archives/partial" "$CACHE/npm"
# One run at a time per cache: they would share the root tree, the logs and apt's lock.
exec 9>"$CACHE/lock"
flock -n 9 || die "another fresh-check is running with the cache $CACHE"
if [[ ! -f $BASE_TAR || $(cat "$BASE_TAR.key" 2>/dev/null) != "$MIRROR $BASE_EXTRA" ]]; then
  build_base
fi

# A new copy of the base system and a clean archive of HEAD.
safe_rm "$ROOT"; mkdir -p "$ROOT"
tar -C "$ROOT" -xpf "$BASE_TAR"
mkdir -p "$ROOT/src/rootpol"
git -C "$REPO" archive --format=tar HEAD | tar -C "$ROOT/src/rootpol" -xf -
enter_mounts "$ROOT"
bind "$CACHE/apt-archives" "$ROOT/var/cache/apt/archives"
bind "$CACHE/npm" "$ROOT/root/.npm"
if [[ -d $SHARED ]]; then
  bind "$SHARED" "$ROOT/src/shared" ro
else
  echo "fresh-check: $SHARED is absent; the tests that read it skip"
fi

echo "fresh-check: HEAD $(git -C "$REPO" rev-parse --short HEAD) in a fresh Debian $(cat "$ROOT/etc/debian_version")"
status=0
for i in "${!COMMANDS[@]}"; do
  cmd=${COMMANDS[i]}
  log=$LOGS/step$((i + 1)).log
  start=$(date +%s)
  if in_root "$ROOT" "cd /src/rootpol && $cmd" >"$log" 2>&1; then
    printf 'fresh-check: %-10s ok      %4d s\n' "$cmd" $(($(date +%s) - start))
  else
    printf 'fresh-check: %-10s FAILED  %4d s  (log: %s)\n' "$cmd" $(($(date +%s) - start)) "$log"
    echo "---- failing lines ----"
    grep -nE 'error|Error|ERROR|FAILED|Failed|\*\*\*|not found|cannot|No such file' "$log" | tail -40 || true
    echo "---- last lines ----"
    tail -25 "$log"
    status=1
    break
  fi
done
cleanup
# A passing run leaves nothing behind but the caches; a failing one keeps its tree to inspect.
[[ $status == 0 ]] && safe_rm "$ROOT"
exit $status
