#!/usr/bin/env python3
"""Summarise the drift in a Terraform or OpenTofu plan, for people and CI.

Usage:
    terraform show -json PLANFILE | python3 drift-summary.py [--title T] [--markdown FILE] [--cli NAME]

Reads the `show -json` document of a saved plan on standard input and prints,
for every object changed or deleted outside Terraform (the plan's
`resource_drift`; when there is none, every `resource_changes` entry whose
actions are not no-op or read), its address, the kind of drift and each
changed top-level attribute as `attr: "old" → "new"`; then the actions the
plan would take to reconcile. With --markdown it also appends the same
summary as Markdown to FILE (such as $GITHUB_STEP_SUMMARY). --cli names the
CLI that made the plan, `terraform` (the default) or `tofu` (a path or a
versioned name such as tofu-1.12 counts as its base name): the summary says
"Planned actions (tofu apply would)" and "changed outside OpenTofu".

It never prints a secret: an attribute marked sensitive on either side
(`before_sensitive` / `after_sensitive`), or holding a sensitive value
anywhere inside it, shows as "(sensitive)"; output values are never shown;
and only the three lists above are read, never `variables`, `prior_state`,
`planned_values` or `configuration`, which hold secrets in clear.

Python 3.6 or later, standard library only. Exit status: 0 once the summary
is written, 1 when the input is not a plan document or FILE cannot be written.
"""

import argparse
import json
import sys

SENSITIVE = "(sensitive)"
UNKNOWN = "(known after apply)"
MAX_VALUE_CHARS = 200  # longer values are cut, with an ellipsis

# DRIFT_KINDS and the headlines name the product as {product}: Terraform or
# OpenTofu, after the CLI that made the plan (see cli_names).
DRIFT_KINDS = {
    ("update",): "changed outside {product}",
    ("delete",): "deleted outside {product}",
    ("create",): "created outside {product}",
}

PLANNED_VERBS = {
    ("create",): "create",
    ("update",): "update in place",
    ("delete",): "destroy",
    ("delete", "create"): "replace: destroy, then create",
    ("create", "delete"): "replace: create, then destroy",
    ("forget",): "forget: remove from the state only",
}

IGNORED_ACTIONS = {("no-op",), ("read",)}


# NO_DRIFT_EXIT is the exit status of --require-drift when nothing changed
# outside Terraform.
NO_DRIFT_EXIT = 3


def cli_names(cli):
    """(command, product) for the --cli value: ("tofu", "OpenTofu") for
    tofu, a path to it or a versioned name such as tofu-1.12; the base name
    and "Terraform" otherwise."""
    command = (cli or "terraform").replace("\\", "/").rstrip("/").split("/")[-1] or "terraform"
    if command.lower().endswith(".exe"):
        command = command[:-4]
    product = "OpenTofu" if command.lower().startswith(("tofu", "opentofu")) else "Terraform"
    return command, product


def marked(mask):
    """Whether a sensitivity (or unknown) mask holds True anywhere."""
    if mask is True:
        return True
    if isinstance(mask, dict):
        return any(marked(m) for m in mask.values())
    if isinstance(mask, list):
        return any(marked(m) for m in mask)
    return False


def attr_mask(mask, name):
    """The part of a whole-object mask that covers top-level attribute name."""
    if mask is True:
        return True
    if isinstance(mask, dict):
        return mask.get(name, False)
    return False


def render(value):
    """A value as compact JSON (strings quoted), cut at MAX_VALUE_CHARS."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + "…"
    return text


def changed_attributes(change):
    """(name, old, new) for every top-level attribute whose value changes,
    sorted by name, with sensitive and unknown values replaced by labels."""
    before = change.get("before") if isinstance(change.get("before"), dict) else {}
    after = change.get("after") if isinstance(change.get("after"), dict) else {}
    unknown = change.get("after_unknown") or {}
    rows = []
    for name in sorted(set(before) | set(after)):
        is_unknown = marked(attr_mask(unknown, name))
        if before.get(name) == after.get(name) and not is_unknown:
            continue
        if marked(attr_mask(change.get("before_sensitive"), name)) or marked(
            attr_mask(change.get("after_sensitive"), name)
        ):
            rows.append((name, SENSITIVE, SENSITIVE))
            continue
        old = render(before.get(name))
        new = UNKNOWN if is_unknown else render(after.get(name))
        rows.append((name, old, new))
    return rows


def address_of(rc):
    """The resource address, with the deposed key when there is one."""
    deposed = rc.get("deposed")
    return rc["address"] + (" (deposed object %s)" % deposed if deposed else "")


def actions_of(rc):
    """The change's actions as a tuple, such as ("delete", "create")."""
    return tuple(rc.get("change", {}).get("actions") or ())


def drifted(plan, product="Terraform"):
    """The drift entries: (address, kind, attribute rows); and whether they
    come from resource_drift (True) or the resource_changes fallback.
    product (Terraform or OpenTofu) is what the kinds say objects changed
    outside of."""
    entries = []
    for rc in plan.get("resource_drift") or []:
        actions = actions_of(rc)
        if actions in IGNORED_ACTIONS:
            continue
        kind = DRIFT_KINDS.get(actions, "changed outside {product} (%s)" % ", ".join(actions)).format(product=product)
        rows = changed_attributes(rc["change"]) if actions == ("update",) else []
        entries.append((address_of(rc), kind, rows))
    if entries:
        return entries, True
    for rc in planned(plan):
        actions = actions_of(rc)
        if actions == ("create",):
            kind = "missing (never created, or deleted outside %s)" % product
        elif actions == ("delete",):
            kind = "no longer in the configuration"
        else:
            kind = "differs from the configuration"
        rows = changed_attributes(rc["change"]) if "update" in actions or len(actions) == 2 else []
        entries.append((address_of(rc), kind, rows))
    return entries, False


def planned(plan):
    """The resource_changes entries that change something."""
    return [rc for rc in plan.get("resource_changes") or [] if actions_of(rc) not in IGNORED_ACTIONS]


def planned_lines(plan):
    """One line per planned change: address, verb and, for updates and
    replacements, the names of the attributes that change (never values)."""
    lines = []
    for rc in planned(plan):
        actions = actions_of(rc)
        verb = PLANNED_VERBS.get(actions, ", ".join(actions))
        names = [] if actions in (("create",), ("delete",)) else [row[0] for row in changed_attributes(rc["change"])]
        lines.append((address_of(rc), verb, names))
    return lines


def changed_outputs(plan):
    """Names of the outputs the plan changes (values are never shown)."""
    changes = plan.get("output_changes") or {}
    return sorted(name for name, oc in changes.items() if tuple(oc.get("actions") or ()) not in IGNORED_ACTIONS)


def headline(entries, from_drift, outputs, nothing_to_apply=False, product="Terraform"):
    """The one-sentence verdict; product is Terraform or OpenTofu."""
    n = len(entries)
    objects = "%d object%s" % (n, "" if n == 1 else "s")
    if from_drift and nothing_to_apply:
        return ("Changed outside %s, with nothing to apply: %s (only attributes the configuration "
                "does not set, or ignores, changed)." % (product, objects))
    if from_drift:
        return "Drift detected: %s changed outside %s." % (objects, product)
    if entries:
        verb = "differs" if n == 1 else "differ"
        return "No change outside %s was reported, but %s %s from the configuration." % (product, objects, verb)
    if outputs:
        return "The plan changes only outputs."
    return "The plan has changes, but none to resources or outputs."


def text_summary(title, plan, cli="terraform"):
    """The summary as plain text; cli is the CLI that made the plan."""
    command, product = cli_names(cli)
    entries, from_drift = drifted(plan, product)
    outputs = changed_outputs(plan)
    verdict = headline(entries, from_drift, outputs, not planned(plan) and not outputs, product)
    out = [("%s: " % title if title else "") + verdict, ""]
    for address, kind, rows in entries:
        out.append("%s: %s" % (address, kind))
        out.extend("    %s: %s → %s" % row for row in rows)
    if entries:
        out.append("")
    actions = planned_lines(plan)
    if actions:
        out.append("Planned actions (%s apply would):" % command)
        for address, verb, names in actions:
            out.append("    %s: %s%s" % (address, verb, " (%s)" % ", ".join(names) if names else ""))
    if outputs:
        out.append("Outputs that would change: %s" % ", ".join(outputs))
    return "\n".join(out).rstrip() + "\n"


def code(text):
    """text as a Markdown code span, whatever backticks it holds."""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return fence + pad + text + pad + fence


def md_value(text):
    """A rendered value in Markdown: labels in italics, values as code."""
    return "_%s_" % text if text in (SENSITIVE, UNKNOWN) else code(text)


def markdown_summary(title, plan, cli="terraform"):
    """The summary as Markdown, for CI job summaries; cli is the CLI that
    made the plan."""
    command, product = cli_names(cli)
    entries, from_drift = drifted(plan, product)
    outputs = changed_outputs(plan)
    verdict = headline(entries, from_drift, outputs, not planned(plan) and not outputs, product)
    out = ["## Drift check%s" % (": " + code(title) if title else ""), "", verdict, ""]
    for address, kind, rows in entries:
        out.append("- %s: %s" % (code(address), kind))
        out.extend("  - %s: %s → %s" % (code(name), md_value(old), md_value(new)) for name, old, new in rows)
    actions = planned_lines(plan)
    if actions:
        out += ["", "**Planned actions** (%s would):" % code(command + " apply"), ""]
        for address, verb, names in actions:
            detail = " (%s)" % ", ".join(code(n) for n in names) if names else ""
            out.append("- %s: %s%s" % (code(address), verb, detail))
    if outputs:
        out += ["", "Outputs that would change: %s" % ", ".join(code(o) for o in outputs)]
    return "\n".join(out) + "\n\n"


def main():
    parser = argparse.ArgumentParser(description="Summarise the drift of `terraform show -json PLANFILE` on stdin.")
    parser.add_argument("--title", default="", help="what was checked, such as the directory")
    parser.add_argument("--markdown", metavar="FILE", help="also append the summary as Markdown to FILE")
    parser.add_argument("--cli", metavar="NAME", default="terraform",
                        help="the CLI that made the plan, named in the summary: terraform (default) or tofu")
    parser.add_argument("--require-drift", action="store_true",
                        help="print nothing and exit %d when nothing changed outside Terraform "
                             "(for a plan without changes to apply)" % NO_DRIFT_EXIT)
    args = parser.parse_args()
    try:
        plan = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    except ValueError as err:
        sys.exit("drift-summary: standard input is not JSON (%s): pipe `terraform show -json PLANFILE` into it"
                 % err.__class__.__name__)
    if not isinstance(plan, dict) or not {"planned_values", "resource_changes"} & set(plan):
        sys.exit("drift-summary: standard input is not a plan: pipe `terraform show -json PLANFILE` into it")
    if args.require_drift and not drifted(plan)[1]:
        sys.exit(NO_DRIFT_EXIT)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    sys.stdout.write(text_summary(args.title, plan, args.cli))
    if args.markdown:
        try:
            with open(args.markdown, "a", encoding="utf-8") as md:
                md.write(markdown_summary(args.title, plan, args.cli))
        except OSError as err:
            sys.exit("drift-summary: cannot write %s: %s" % (args.markdown, err.strerror))


if __name__ == "__main__":
    main()
