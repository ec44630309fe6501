#!/usr/bin/env bash
# Demo: start the emulator on loopback, apply examples/quickstart through a
# dev_overrides CLI configuration in a temporary directory (the user's own
# ~/.terraformrc is never read or written), show the outputs, check that a
# second plan is empty, and stop the emulator.
set -euo pipefail

TERRAFORM=${TERRAFORM:-terraform}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/bin}
VERSION=${VERSION:-0.0.1}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tenant-demo.XXXXXX")
EMULATOR_PID=""

cleanup() {
  if [ -n "$EMULATOR_PID" ] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
    kill -TERM "$EMULATOR_PID" && wait "$EMULATOR_PID" 2>/dev/null || true
    echo "==> Emulator stopped."
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "==> Starting the emulator on loopback"
"$BIN/tenant-emulator" -listen 127.0.0.1:0 -env-file "$WORK/emulator.env" >"$WORK/emulator.log" 2>&1 &
EMULATOR_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/emulator.env" ] && break; sleep 0.1; done
[ -s "$WORK/emulator.env" ] || { echo "the emulator did not start:"; cat "$WORK/emulator.log"; exit 1; }
# shellcheck disable=SC1091
source "$WORK/emulator.env"
echo "    Cryptr, Cyrisma and Synerise emulated at $CRYPTR_SERVICE_URL"

# A CLI configuration of our own: dev_overrides point Terraform at the
# freshly built provider; the filesystem mirror lets `terraform init`
# succeed without a registry.
MIRROR="$WORK/mirror/registry.terraform.io/tenantops/tenant/$VERSION/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$MIRROR"
cp "$BIN/terraform-provider-tenant" "$MIRROR/terraform-provider-tenant_v$VERSION"
cat >"$WORK/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "tenantops/tenant" = "$BIN"
  }
  filesystem_mirror {
    path    = "$WORK/mirror"
    include = ["tenantops/tenant"]
  }
  direct {
    exclude = ["tenantops/tenant"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$WORK/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
cp -R "$ROOT/examples/quickstart" "$WORK/quickstart"
cd "$WORK/quickstart"

admin() { curl -fsS -X "$1" "$CRYPTR_SERVICE_URL/_emulator/requests"; }

echo "==> terraform init"
"$TERRAFORM" init -input=false -no-color >/dev/null 2>"$WORK/init.err" || { cat "$WORK/init.err"; exit 1; }
admin DELETE >/dev/null
echo "==> terraform apply"
"$TERRAFORM" apply -input=false -auto-approve -no-color -compact-warnings >"$WORK/apply.txt" 2>&1 || { cat "$WORK/apply.txt"; exit 1; }
grep -E "^(tenant_|data\.tenant_).*(complete|Creating|Reading)|^Apply complete" "$WORK/apply.txt" || true
echo "==> Requests the emulator counted for the apply, by route"
admin GET | python3 -m json.tool 2>/dev/null || admin GET
admin DELETE >/dev/null
echo "==> Outputs"
"$TERRAFORM" output -no-color
echo "==> terraform plan, which refreshes every object (expect no changes)"
set +e
"$TERRAFORM" plan -input=false -detailed-exitcode -no-color >"$WORK/plan.txt" 2>&1
plan_status=$?
set -e
grep -E "No changes|Plan:" "$WORK/plan.txt" || true
echo "==> Requests the emulator counted for the refresh and plan, by route"
admin GET | python3 -m json.tool 2>/dev/null || admin GET
[ "$plan_status" -eq 0 ] || { echo "the plan after apply was not empty (exit $plan_status):"; cat "$WORK/plan.txt"; exit 1; }
echo "==> Demo finished."
