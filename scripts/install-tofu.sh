#!/usr/bin/env bash
# Builds the OpenTofu CLI from source through the Go module proxy, once, and
# prints the path of the binary. OpenTofu publishes no Go-installable
# command (`go install` refuses its replace directives), so this downloads
# the module and builds ./cmd/tofu inside it, with the module's own go.mod.
# The binary is cached under TOFU_CACHE_DIR (default
# ~/.cache/terraform-provider-tenant) and reused while it reports the
# expected version; a build takes about 2.5 minutes on two idle cores.
# Concurrent callers wait for one build (flock).
#
#   TOFU_VERSION=1.12.6 scripts/install-tofu.sh   # prints .../tofu-1.12.6/tofu
set -euo pipefail

version=${TOFU_VERSION:-1.12.6}
cache=${TOFU_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-tenant}
dir="$cache/tofu-$version"
bin="$dir/tofu"
go=${GO:-go}

# installed reports whether the cached binary is there and of this version.
installed() {
  local out
  # The whole output first: grep -q would close the pipe early, and tofu
  # could die of SIGPIPE on its second line.
  [ -x "$bin" ] && out=$("$bin" version 2>/dev/null) && grep -qx "OpenTofu v$version" <<<"$out"
}

if installed; then
  echo "$bin"
  exit 0
fi

# One build at a time: a second caller (CI starts a build early, in the
# background) waits for the first, then finds its binary.
mkdir -p "$dir"
if command -v flock >/dev/null 2>&1; then # util-linux; absent on macOS, where builds are not shared
  exec 9>"$dir/.lock"
  flock 9
fi
if installed; then
  echo "$bin"
  exit 0
fi

echo "building OpenTofu v$version from the Go module proxy into $dir (about 2.5 minutes)" >&2
module_dir=$(GOFLAGS=-mod=mod "$go" mod download -json "github.com/opentofu/opentofu@v$version" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$module_dir" ] || [ ! -d "$module_dir/cmd/tofu" ]; then
  echo "ERROR: could not download github.com/opentofu/opentofu@v$version through the Go module proxy" >&2
  exit 1
fi

tmp="$dir/tofu.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# The module cache is read-only; the build writes only to the Go build cache
# and to -o. GOFLAGS is cleared so a caller's -mod=vendor cannot interfere.
(cd "$module_dir" && GOFLAGS= CGO_ENABLED=0 "$go" build -trimpath \
  -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$tmp" ./cmd/tofu)
mv "$tmp" "$bin"
if ! installed; then
  echo "ERROR: the built tofu does not report v$version:" >&2
  "$bin" version >&2
  exit 1
fi
echo "$bin"
