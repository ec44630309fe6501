#!/usr/bin/env bash
# Runs `terraform validate` on every example directory against the provider
# built in ./bin, through a CLI configuration of its own (dev_overrides, and a
# filesystem mirror so that `terraform init` works offline for examples that
# use modules). Examples without a required_providers block use the implied
# hashicorp/tenant address, which is overridden too.
set -euo pipefail
cd "$(dirname "$0")/.."
TERRAFORM=${TERRAFORM:-terraform}
BIN=$PWD/bin
VERSION=0.0.1
[ -x "$BIN/terraform-provider-tenant" ] || { echo "build the provider first (make build)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mirror="$work/mirror/registry.terraform.io/tenantops/tenant/$VERSION/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$mirror"
cp "$BIN/terraform-provider-tenant" "$mirror/terraform-provider-tenant_v$VERSION"
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "tenantops/tenant" = "$BIN"
    "hashicorp/tenant" = "$BIN"
  }
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["tenantops/tenant"]
  }
  direct {
    exclude = ["tenantops/tenant", "hashicorp/tenant"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1

status=0
while IFS= read -r dir; do
  echo "   validate $dir"
  copy="$work/examples/$dir"
  mkdir -p "$copy" && cp -R "$dir/." "$copy/"
  if grep -qs '^module ' "$copy"/*.tf; then
    (cd "$copy" && "$TERRAFORM" init -backend=false -input=false -no-color >"$work/init.log" 2>&1) || { cat "$work/init.log"; status=1; continue; }
  fi
  (cd "$copy" && "$TERRAFORM" validate -no-color >"$work/validate.log" 2>&1) || { echo "ERROR: $dir does not validate:" >&2; cat "$work/validate.log" >&2; status=1; }
done < <(find examples -name '*.tf' -not -path '*/.terraform/*' -exec dirname {} \; | sort -u)
exit $status
