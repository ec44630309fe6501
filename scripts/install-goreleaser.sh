#!/usr/bin/env bash
# Builds GoReleaser from source through the Go module proxy, once, and prints
# the path of the binary. It is deliberately not a tool of this module's
# go.mod: its dependency graph is several hundred modules. The binary is
# cached under GORELEASER_CACHE_DIR (default
# ~/.cache/terraform-provider-tenant/goreleaser-<version>) and reused while it
# reports the expected version. A cold build (about 280 modules to download)
# took 10.5 minutes on two busy cores; a cached run takes a tenth of a second.
#
#   GORELEASER_VERSION=2.17.0 scripts/install-goreleaser.sh   # prints .../goreleaser-2.17.0/goreleaser
#
# v2.17.0 is the newest release that builds with Go 1.26.4+ (v2.18 needs a
# newer Go); v2.15.1 is the fallback if the proxy refuses a dependency.
set -euo pipefail

version=${GORELEASER_VERSION:-2.17.0}
version=${version#v}
dir=${GORELEASER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-tenant/goreleaser-$version}
bin="$dir/goreleaser"
module=github.com/goreleaser/goreleaser/v2
go=${GO:-go}

reports_version() {
  # `goreleaser --version` prints a banner, then "GitVersion:    2.17.0".
  # The whole output first: grep -q would close the pipe early (SIGPIPE).
  local out
  out=$("$1" --version 2>/dev/null) && grep -Eq "^GitVersion:[[:space:]]+v?$version\$" <<<"$out"
}

if [ -x "$bin" ] && reports_version "$bin"; then
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
if [ -x "$bin" ] && reports_version "$bin"; then
  echo "$bin"
  exit 0
fi

echo "building GoReleaser v$version from the Go module proxy into $dir (about 10 minutes)" >&2
tmp=$(mktemp -d "$dir/build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
ldflags="-s -w -X main.version=$version -X main.builtBy=scripts/install-goreleaser.sh"

# `go install module@version` builds outside any main module, with the
# module's own go.mod. GOFLAGS is cleared so a caller's -mod=vendor cannot
# interfere; GOTOOLCHAIN=local so no other Go toolchain is fetched.
if ! GOFLAGS='' GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$tmp" \
  "$go" install -trimpath -ldflags "$ldflags" "$module@v$version"; then
  # Fallback: download the module and build its main package in place.
  echo "go install refused; building from the downloaded module instead" >&2
  module_dir=$(GOFLAGS=-mod=mod "$go" mod download -json "$module@v$version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [ -z "$module_dir" ] || [ ! -f "$module_dir/main.go" ]; then
    echo "ERROR: could not download $module@v$version through the Go module proxy" >&2
    exit 1
  fi
  (cd "$module_dir" && GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0 \
    "$go" build -trimpath -ldflags "$ldflags" -o "$tmp/goreleaser" .)
fi

mv "$tmp/goreleaser" "$bin"
if ! reports_version "$bin"; then
  echo "ERROR: the built goreleaser does not report v$version:" >&2
  "$bin" --version >&2 || true
  exit 1
fi
echo "$bin"
