#!/usr/bin/env bash
# Builds a snapshot release with GoReleaser (.goreleaser.yml, no signing, no
# publishing) into dist/ and checks that it is what the Terraform Registry
# expects:
#   - one zip per OS/arch, holding exactly the one binary
#     terraform-provider-tenant_v<version>[.exe];
#   - <project>_<version>_SHA256SUMS lists every zip and the manifest, and
#     `sha256sum -c` passes on the files a release uploads;
#   - the manifest it lists, <project>_<version>_manifest.json, is
#     byte-identical to terraform-registry-manifest.json. GoReleaser does not
#     copy that file into dist/ (the release uploads the repository's file
#     under that name, as .goreleaser.yml's release.extra_files says), so the
#     check compares checksums and verifies a copy named as the release names it;
#   - the linux/amd64 binary was built with CGO off, -trimpath and
#     -X main.version, and run by hand it says it is a plugin and exits non-zero.
#
#   scripts/check-release-snapshot.sh                # build, then check
#   scripts/check-release-snapshot.sh --verify-only  # check the existing dist/
#
# GORELEASER=/path/to/goreleaser uses another binary; by default
# scripts/install-goreleaser.sh provides it (built once, then cached).
set -euo pipefail
cd "$(dirname "$0")/.."

project=terraform-provider-tenant
dist=${RELEASE_DIST:-dist} # where .goreleaser.yml puts its output
platforms=(
  linux_amd64 linux_arm64 linux_386 linux_arm
  darwin_amd64 darwin_arm64
  windows_amd64 windows_arm64 windows_386
  freebsd_amd64 freebsd_arm64 freebsd_386 freebsd_arm
)

fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "${1:-}" != "--verify-only" ]; then
  goreleaser=${GORELEASER:-$(scripts/install-goreleaser.sh)}
  started=$SECONDS
  echo "== $goreleaser release --snapshot --clean --skip=sign,publish"
  "$goreleaser" release --snapshot --clean --skip=sign,publish
  echo "== snapshot built in $((SECONDS - started)) s"
fi

[ -d "$dist" ] || fail "no $dist/ directory: run without --verify-only"
shopt -s nullglob
sums=("$dist/${project}_"*_SHA256SUMS)
[ "${#sums[@]}" -eq 1 ] || fail "expected one ${project}_<version>_SHA256SUMS in $dist/, found ${#sums[@]}"
sums_file=$(basename "${sums[0]}")
version=${sums_file#"${project}_"}
version=${version%_SHA256SUMS}
manifest="${project}_${version}_manifest.json"
echo "== checking $dist/ for version $version"

# One zip per platform, each holding exactly the binary; no other zip.
zips=("$dist/"*.zip)
[ "${#zips[@]}" -eq "${#platforms[@]}" ] ||
  fail "expected ${#platforms[@]} zips in $dist/, found ${#zips[@]}: ${zips[*]}"
for platform in "${platforms[@]}"; do
  zip="$dist/${project}_${version}_${platform}.zip"
  [ -f "$zip" ] || fail "missing $zip"
  binary="${project}_v${version}"
  [[ $platform == windows_* ]] && binary="$binary.exe"
  contents=$(unzip -Z1 "$zip")
  [ "$contents" = "$binary" ] || fail "$zip holds [$(echo "$contents" | paste -sd' ')], want exactly [$binary]"
done
echo "ok: ${#platforms[@]} zips, each holding only its binary"

# SHA256SUMS names exactly the zips and the manifest, and every sum is right.
want=$(for platform in "${platforms[@]}"; do echo "${project}_${version}_${platform}.zip"; done
  echo "$manifest")
got=$(awk '{ sub(/^\*/, "", $2); print $2 }' "$dist/$sums_file")
[ "$(sort <<<"$got")" = "$(sort <<<"$want")" ] ||
  fail "$sums_file lists:"$'\n'"$got"$'\n'"want:"$'\n'"$want"

# The manifest it lists is the repository's, byte for byte.
listed=$(awk -v f="$manifest" '{ n = $2; sub(/^\*/, "", n) } n == f { print $1 }' "$dist/$sums_file")
actual=$(sha256sum terraform-registry-manifest.json | cut -d' ' -f1)
[ "$listed" = "$actual" ] ||
  fail "$sums_file lists $manifest as $listed, but terraform-registry-manifest.json is $actual"
echo "ok: $manifest in $sums_file is terraform-registry-manifest.json, byte for byte"

# sha256sum -c over the release's files: the zips of dist/ and the manifest
# under its release name.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/release"
dist_abs=$(cd "$dist" && pwd)
ln -s "$dist_abs/"*.zip "$dist_abs/$sums_file" "$tmp/release/"
cp terraform-registry-manifest.json "$tmp/release/$manifest"
(cd "$tmp/release" && sha256sum --check --strict --quiet "$sums_file") || fail "sha256sum -c $sums_file"
echo "ok: $sums_file lists the $((${#platforms[@]} + 1)) files and sha256sum -c passes"

# The linux/amd64 binary: build settings, and what it does when run by hand.
unzip -q "$dist/${project}_${version}_linux_amd64.zip" -d "$tmp"
bin="$tmp/${project}_v${version}"
if command -v "${GO:-go}" >/dev/null 2>&1; then
  info=$("${GO:-go}" version -m "$bin")
  grep -q 'CGO_ENABLED=0' <<<"$info" || fail "the linux/amd64 binary was not built with CGO_ENABLED=0"
  grep -q -- '-trimpath=true' <<<"$info" || fail "the linux/amd64 binary was not built with -trimpath"
  echo "ok: linux/amd64 built with CGO_ENABLED=0 and -trimpath"
fi
# -trimpath keeps -ldflags out of the build information: look for the value
# -X main.version gave instead (nothing else puts the version in the binary).
grep -aqF -- "$version" "$bin" || fail "the linux/amd64 binary does not hold its version $version (-X main.version)"
echo "ok: linux/amd64 holds main.version = $version"
set +e
out=$(env -u TF_PLUGIN_MAGIC_COOKIE timeout 10 "$bin" 2>&1)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "the linux/amd64 binary exited 0 when run by hand; output: $out"
[ "$rc" -ne 124 ] || fail "the linux/amd64 binary did not exit within 10 s when run by hand"
grep -qi 'plugin' <<<"$out" || fail "the linux/amd64 binary did not say it is a plugin (exit $rc): $out"
echo "ok: linux/amd64 binary runs, says \"$(head -1 <<<"$out")\" and exits $rc"
echo "release snapshot $version: all checks passed"
