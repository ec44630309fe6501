#!/usr/bin/env bash
# drift-check.sh: report drift (objects changed or deleted outside Terraform)
# in an initialised Terraform or OpenTofu working directory, for scheduled CI.
#
# Usage: drift-check.sh [DIR] [-- EXTRA_PLAN_ARGS...]
#   DIR              the working directory, already `init`ed (default: .)
#   EXTRA_PLAN_ARGS  passed on to plan, such as -var-file=prod.tfvars
#
# It runs `$TF -chdir=DIR plan -detailed-exitcode -lock=false -input=false
# -out=PLAN`. No changes: prints "no drift" and exits 0 (or, when objects
# changed outside Terraform only in attributes the configuration does not
# set or ignores, prints their summary and still exits 0). Changes: pipes
# `$TF show -json PLAN` into drift-summary.py (beside this script), which
# prints each drifted object, its changed attributes as `attr: "old" → "new"`
# and the actions that would fix it, then exits 2. Error: prints the CLI's
# output on stderr and exits 1. The summaries (and the "no drift" line) name
# the CLI that ran by the base name of $TF: `terraform` or `tofu`.
#
# Environment:
#   TF                  the CLI to run: terraform (default) or tofu, or a path
#                       to either
#   PYTHON              the Python 3 interpreter for the summary (default python3)
#   DRIFT_SUMMARY_FILE  if set, the summary is also appended to this file as
#                       Markdown (for example $GITHUB_STEP_SUMMARY)
#   and the provider's own settings (CRYPTR_*, CYRISMA_*, SYNERISE_*).
#
# Exit status: 0 nothing to apply, 2 drift (or other pending changes), 1 error.
#
# Secrets: values marked sensitive show as "(sensitive)"; the plan JSON is
# never printed nor written to disk; the plan file (which holds secrets in
# clear) lives in a private temporary directory removed on exit.
set -euo pipefail

TF=${TF:-terraform}
PYTHON=${PYTHON:-python3}
summariser="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/drift-summary.py"
# cli is the CLI as the summaries name it: terraform or tofu, not a path.
cli=$(basename -- "$TF")

# fail prints its arguments on stderr and exits 1.
fail() {
  echo "drift-check: $*" >&2
  exit 1
}

# markdown appends its arguments, one line each, to DRIFT_SUMMARY_FILE if set.
markdown() {
  if [ -n "${DRIFT_SUMMARY_FILE:-}" ]; then
    printf '%s\n' "$@" >>"$DRIFT_SUMMARY_FILE"
  fi
}

dir=.
plan_args=()
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help)
      sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    --)
      shift
      plan_args=("$@")
      break
      ;;
    -*) fail "unknown option $1 (plan options go after --)" ;;
    *)
      dir=$1
      shift
      ;;
  esac
done

if ! command -v "$PYTHON" >/dev/null 2>&1 || ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 6))' 2>/dev/null; then
  fail "Python 3.6+ ($PYTHON) is needed to summarise the plan (standard library only): install python3 or set PYTHON"
fi
command -v "$TF" >/dev/null 2>&1 || fail "$TF not found: install it or set TF (TF=tofu for OpenTofu)"
[ -f "$summariser" ] || fail "$summariser is missing: keep it beside this script"
[ -d "$dir" ] || fail "no such directory: $dir"

work=$(mktemp -d "${TMPDIR:-/tmp}/drift-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
plan="$work/drift.tfplan"

md_args=()
if [ -n "${DRIFT_SUMMARY_FILE:-}" ]; then
  md_args=(--markdown "$DRIFT_SUMMARY_FILE")
fi

# summarise pipes `$TF show -json` of the saved plan into the summariser,
# with extra arguments; it returns the summariser's status.
summarise() {
  "$TF" -chdir="$dir" show -json -no-color "$plan" 2>"$work/show.log" |
    "$PYTHON" "$summariser" --title "$dir" --cli "$cli" ${md_args[@]+"${md_args[@]}"} "$@"
}

code=0
"$TF" -chdir="$dir" plan -detailed-exitcode -lock=false -input=false -no-color -out="$plan" \
  ${plan_args[@]+"${plan_args[@]}"} >"$work/plan.log" 2>&1 || code=$?

case $code in
  0)
    # Nothing to apply; objects may still have changed outside Terraform in
    # attributes the configuration does not set (or ignores): report those.
    status=0
    summarise --require-drift || status=$?
    case $status in
      3)
        echo "drift-check: no drift in $dir ($cli plan has no changes)"
        markdown "## Drift check: \`$dir\`" "" "No drift (\`$cli plan\` has no changes)." ""
        ;;
      0) ;; # summarised: changed outside Terraform, nothing to apply
      *)
        cat "$work/show.log" >&2
        fail "$TF show -json or the summary failed"
        ;;
    esac
    exit 0
    ;;
  2)
    summarise || {
      cat "$work/show.log" >&2
      fail "the plan has changes, but $TF show -json or the summary failed"
    }
    exit 2
    ;;
  *)
    cat "$work/plan.log" >&2
    markdown "## Drift check: \`$dir\`" "" "The check failed: \`$cli plan\` exited $code (see the job log)." ""
    fail "$TF plan failed in $dir (exit $code)"
    ;;
esac
