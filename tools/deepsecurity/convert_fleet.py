#!/usr/bin/env python3
"""Convert recscan's native fleet into a Deep Security REST API export.

Reads a native fleet (urn:recscan:fleet:1) and the rule catalog (urn:recscan:catalog:1) and
writes the JSON bodies that a Deep Security Manager would answer to the GET requests of
`recscan scan --ds-export DIR`, one response per file under its API path:

    api/policies.json                         GET /api/policies?overrides=true
    api/computers.json                        GET /api/computers?expand=...&overrides=true
    api/intrusionpreventionrules.json         GET /api/intrusionpreventionrules
    api/integritymonitoringrules.json         GET /api/integritymonitoringrules
    api/loginspectionrules.json               GET /api/loginspectionrules
    api/applicationtypes.json                 GET /api/applicationtypes
    api/{policies|computers}/{ID}/{module}/rules.json
                                              GET .../{module}/rules?overrides=true
    api/computers/{ID}/{module}/assignments.json  (with --recommendations)
                                              GET /api/computers/{ID}/{module}/assignments

Every object is built as a model of Trend Micro's Python SDK (package deep-security-api, module
`deepsecurity`) and written with ApiClient().sanitize_for_serialization, so field names, value
sets (the model setters validate them) and list wrappers are the API's own.

IDs are deterministic: policies 1..n and computers 101.. in document order, application types
201.. and rules 4001.. (intrusion prevention), 6001.. (integrity monitoring), 7001.. (log
inspection) in catalog order. A rule's internal ID is never its identifier ("1000763").

--register writes the exclusion register (urn:recscan:exclusions:1): the reason, author and
expiry of each "excluded" override, which the API does not hold.

--recommendations reads a recscan report.xml and writes each computer's recommendation-scan
results as the manager would report them: in agreement with recscan, except for the deliberate
disagreements listed in DISAGREEMENTS below (documented in Samples/ds-export/README.md).

Regenerate the committed sample with:

    tools/deepsecurity/convert_fleet.py --fleet Inventories/fleet.xml \\
        --catalog Sources/RecscanCore/Resources/catalog.xml --out Samples/ds-export \\
        --register Samples/ds-exclusions.xml \\
        --recommendations Tests/recscanTests/Golden/sample/report.xml
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

try:
    import deepsecurity as ds
except ImportError:  # pragma: no cover - message for a machine without the SDK
    sys.exit("convert_fleet.py: needs Trend Micro's SDK: pip install deep-security-api==20.0.463")

FLEET_NS = "{urn:recscan:fleet:1}"
CATALOG_NS = "{urn:recscan:catalog:1}"
REPORT_NS = "{urn:recscan:report:1}"

IPS, IM, LI = "intrusion-prevention", "integrity-monitoring", "log-inspection"
MODULES = (IPS, IM, LI)

# First internal ID of each ID space.
POLICY_ID_BASE = 1
COMPUTER_ID_BASE = 101
APPLICATION_TYPE_ID_BASE = 201
RULE_ID_BASE = {IPS: 4001, IM: 6001, LI: 7001}

# API path segment of each module.
MODULE_PATH = {IPS: "intrusionprevention", IM: "integritymonitoring", LI: "loginspection"}

# Computers whose manager hostName is a fully qualified name (displayName keeps the short name),
# so that a reader has to match computers to inventories by more than an exact hostName.
# FILES01 is spelled in capitals by the fleet itself and is kept so.
FQDN = {"web03": "web03.corp.example", "mail01": "mail01.corp.example"}

# A rule that the manager knows but recscan's catalog does not: the manager's rule list is
# larger than recscan's catalog. It is appended to the intrusion-prevention rule list.
MANAGER_ONLY_RULES = [
    {
        "id": "1012301",
        "module": IPS,
        "name": "HTTP Request Smuggling Attempt (manager-only sample rule)",
        "severity": "medium",
        "applicationType": "web-server-common",
        "description": "Sample rule present in the manager's rule list but not in recscan's catalog.",
    }
]

# Deliberate disagreements between the manager's recommendation scan and recscan's report.
DISAGREEMENTS = {
    # (a) The manager's scan is out of date: older than the inventory, and it misses a rule
    #     that recscan recommends.
    "out-of-date": {"host": "mail02", "module": IPS, "misses": "1011874",
                    "scanned": "2026-11-20T03:00:00Z"},
    # (b) The manager recommends a rule that recscan holds back because of an exclusion.
    "excluded": {"host": "winfs01", "module": IPS, "recommends": "1004293"},
    # (c) The manager recommends a rule of its own list that is not in recscan's catalog.
    "manager-only": {"host": "web01", "module": IPS, "recommends": "1012301"},
    # (d) The manager has no recommendation scan for this computer: no assignments file.
    "no-scan": {"host": "dns01"},
}

# A manager scan runs this long after the inventory it agrees with was collected.
SCAN_DELAY_SECONDS = 2 * 3600


class ConvertError(Exception):
    """An input that cannot be converted."""


# --------------------------------------------------------------------------------------------
# Reading the native files


def read_catalog(path):
    """Application types and rules of a native catalog, in document order."""
    root = ET.parse(path).getroot()
    if root.tag != CATALOG_NS + "catalog":
        raise ConvertError(f"{path}: not a recscan catalog (root {root.tag})")
    app_types = []
    for el in root.findall(CATALOG_NS + "applicationType"):
        app_types.append({
            "id": el.get("id"),
            "name": el.get("name"),
            "direction": el.get("direction"),
            "protocol": el.get("protocol"),
            "ports": [p.strip() for p in (el.get("ports") or "").split(",") if p.strip()],
        })
    rules = []
    for el in root.findall(CATALOG_NS + "rule"):
        desc = el.find(CATALOG_NS + "description")
        rules.append({
            "id": el.get("id"),
            "module": el.get("module"),
            "name": el.get("name"),
            "severity": el.get("severity"),
            "applicationType": el.get("applicationType"),
            "detectOnly": el.get("detectOnly") == "true",
            "custom": el.get("custom") == "true",
            "recommendations": el.get("recommendations", "enabled"),
            "description": desc.text.strip() if desc is not None and desc.text else None,
            "cves": [c.text.strip() for c in el.findall(CATALOG_NS + "cve") if c.text],
            "dependsOn": [d.get("rule") for d in el.findall(CATALOG_NS + "dependsOn")],
        })
    return app_types, rules


def _level(el, kind):
    """Settings, assignments and overrides of one fleet level (policy or computer)."""
    level = {"kind": kind, "engineMode": el.get("engineMode"), "settings": {}, "assigns": [],
             "overrides": []}
    for s in el.findall(FLEET_NS + "settings"):
        level["settings"][s.get("module")] = {"autoApply": s.get("autoApply"),
                                              "behavior": s.get("behavior")}
    for a in el.findall(FLEET_NS + "assign"):
        level["assigns"].append(a.get("rule"))
    for o in el.findall(FLEET_NS + "override"):
        level["overrides"].append({k: o.get(k) for k in
                                   ("rule", "recommendations", "reason", "by", "expires")})
    return level


def read_fleet(path):
    """Policies and computers of a native fleet, in document order."""
    root = ET.parse(path).getroot()
    if root.tag != FLEET_NS + "fleet":
        raise ConvertError(f"{path}: not a recscan fleet (root {root.tag})")
    policies, computers = [], []
    for el in root:
        if el.tag == FLEET_NS + "policy":
            p = _level(el, "policy")
            p.update(native=el.get("id"), name=el.get("name"), parent=el.get("parent"))
            policies.append(p)
        elif el.tag == FLEET_NS + "computer":
            c = _level(el, "computer")
            c.update(hostname=el.get("hostname"), policy=el.get("policy"))
            computers.append(c)
    return policies, computers


def read_report(path):
    """Per host (lower-cased hostname): collected time and rules by outcome."""
    root = ET.parse(path).getroot()
    if root.tag != REPORT_NS + "report":
        raise ConvertError(f"{path}: not a recscan report (root {root.tag})")
    hosts = {}
    for h in root.findall(REPORT_NS + "host"):
        rules = [{"id": r.get("id"), "module": r.get("module"), "outcome": r.get("outcome")}
                 for r in h.findall(REPORT_NS + "rule")]
        hosts[h.get("hostname").lower()] = {"status": h.get("status"),
                                            "collected": h.get("collected"), "rules": rules}
    return hosts


# --------------------------------------------------------------------------------------------
# Building the manager's view


class Manager:
    """The manager's objects with their internal IDs."""

    def __init__(self, fleet_path, catalog_path):
        self.app_types, catalog_rules = read_catalog(catalog_path)
        self.policies, self.computers = read_fleet(fleet_path)
        self.catalog_ids = {r["id"] for r in catalog_rules}

        self.app_type_id = {a["id"]: APPLICATION_TYPE_ID_BASE + i
                            for i, a in enumerate(self.app_types)}
        self.policy_id = {p["native"]: POLICY_ID_BASE + i for i, p in enumerate(self.policies)}
        for c in self.computers:
            if c["policy"] not in self.policy_id:
                raise ConvertError(f"computer {c['hostname']}: unknown policy {c['policy']}")
        for p in self.policies:
            if p["parent"] and p["parent"] not in self.policy_id:
                raise ConvertError(f"policy {p['native']}: unknown parent {p['parent']}")
        self.computer_id = {c["hostname"]: COMPUTER_ID_BASE + i
                            for i, c in enumerate(self.computers)}

        # Rules the fleet uses that the catalog does not have: the manager still knows them.
        # Their module is unknown to recscan; they are listed with the intrusion-prevention rules.
        unknown = []
        for level in self.policies + self.computers:
            for rule in level["assigns"] + [o["rule"] for o in level["overrides"]]:
                if rule not in self.catalog_ids and rule not in unknown:
                    unknown.append(rule)
        extra = [{"id": r, "module": IPS, "name": f"Rule {r}", "severity": "medium",
                  "applicationType": None, "detectOnly": False, "custom": False,
                  "recommendations": "enabled", "description": None, "cves": [],
                  "dependsOn": []} for r in unknown]
        for r in MANAGER_ONLY_RULES:
            if r["id"] in self.catalog_ids or r["id"] in unknown:
                raise ConvertError(f"manager-only rule {r['id']} is in the catalog or fleet")
            extra.append(dict({"detectOnly": False, "custom": False, "recommendations": "enabled",
                               "cves": [], "dependsOn": []}, **r))
        self.rules = catalog_rules + extra

        self.rule_id, self.rule_module = {}, {}
        next_id = dict(RULE_ID_BASE)
        for r in self.rules:
            if r["module"] not in MODULES:
                raise ConvertError(f"rule {r['id']}: unknown module {r['module']}")
            self.rule_id[r["id"]] = next_id[r["module"]]
            self.rule_module[r["id"]] = r["module"]
            next_id[r["module"]] += 1
        self.rule_by_identifier = {r["id"]: r for r in self.rules}

    def host_name(self, computer):
        return FQDN.get(computer["hostname"], computer["hostname"])

    def chain(self, computer):
        """The computer's policies from its own up to the root."""
        by_native = {p["native"]: p for p in self.policies}
        out, native = [], computer["policy"]
        while native:
            p = by_native[native]
            out.append(p)
            native = p["parent"]
        return out

    def assigned(self, computer, module):
        """Internal IDs of the rules of a module assigned on any level of the computer."""
        ids = set()
        for level in [computer] + self.chain(computer):
            ids.update(self.rule_id[r] for r in level["assigns"]
                       if self.rule_module[r] == module)
        return sorted(ids)


# Settings of one level -> SDK objects.

AUTO_APPLY_SETTING = {
    IPS: "intrusion_prevention_setting_auto_apply_recommendations_enabled",
    IM: "integrity_monitoring_setting_auto_apply_recommendations_enabled",
    LI: "log_inspection_setting_auto_apply_recommendations_enabled",
}
ENGINE_MODE = {"inline": "Inline", "tap": "Tap"}
YES_NO = {"yes": "Yes", "no": "No"}


def settings_object(level, cls):
    settings = cls()
    for module, s in level["settings"].items():
        if s["autoApply"] in YES_NO:
            setattr(settings, AUTO_APPLY_SETTING[module], ds.SettingValue(YES_NO[s["autoApply"]]))
    if level["engineMode"] in ENGINE_MODE:
        settings.firewall_setting_network_engine_mode = ds.SettingValue(
            ENGINE_MODE[level["engineMode"]])
    return settings


def module_extensions(mgr, level, classes):
    """The three module extensions of a level: state (IPS behavior) and its own rule IDs."""
    out = {}
    for module, cls in zip(MODULES, classes):
        ext = cls()
        ids = [mgr.rule_id[r] for r in level["assigns"] if mgr.rule_module[r] == module]
        if ids:
            ext.rule_ids = ids
        behavior = level["settings"].get(module, {}).get("behavior")
        if module == IPS and behavior in ("prevent", "detect"):
            ext.state = behavior
        out[module] = ext
    return out


def build_policies(mgr):
    policies = []
    for p in mgr.policies:
        ext = module_extensions(mgr, p, (ds.IntrusionPreventionPolicyExtension,
                                         ds.IntegrityMonitoringPolicyExtension,
                                         ds.LogInspectionPolicyExtension))
        policy = ds.Policy(id=mgr.policy_id[p["native"]], name=p["name"],
                           policy_settings=settings_object(p, ds.PolicySettings),
                           intrusion_prevention=ext[IPS], integrity_monitoring=ext[IM],
                           log_inspection=ext[LI])
        if p["parent"]:
            policy.parent_id = mgr.policy_id[p["parent"]]
        policies.append(policy)
    return ds.Policies(policies=policies)


def build_computers(mgr):
    computers = []
    for c in mgr.computers:
        ext = module_extensions(mgr, c, (ds.IntrusionPreventionComputerExtension,
                                         ds.IntegrityMonitoringComputerExtension,
                                         ds.LogInspectionComputerExtension))
        host = mgr.host_name(c)
        computers.append(ds.Computer(
            id=mgr.computer_id[c["hostname"]], host_name=host,
            display_name=c["hostname"] if host != c["hostname"] else "",
            policy_id=mgr.policy_id[c["policy"]],
            computer_settings=settings_object(c, ds.ComputerSettings),
            intrusion_prevention=ext[IPS], integrity_monitoring=ext[IM], log_inspection=ext[LI]))
    return ds.Computers(computers=computers)


def recommendations_mode(value):
    return "ignored" if value == "excluded" else "enabled"


def build_rule_lists(mgr):
    ips, im, li = [], [], []
    for r in mgr.rules:
        common = dict(id=mgr.rule_id[r["id"]], identifier=r["id"], name=r["name"],
                      description=r["description"],
                      recommendations_mode=recommendations_mode(r["recommendations"]))
        depends = [mgr.rule_id[d] for d in r["dependsOn"]]
        if r["module"] == IPS:
            rule = ds.IntrusionPreventionRule(
                severity=r["severity"], detect_only=r["detectOnly"],
                type="custom" if r["custom"] else ("vulnerability" if r["cves"] else "smart"),
                **common)
            if r["applicationType"]:
                rule.application_type_id = mgr.app_type_id[r["applicationType"]]
            if r["cves"]:
                rule.cve = r["cves"]
            if depends:
                rule.depends_on_rule_ids = depends
            ips.append(rule)
        elif r["module"] == IM:
            im.append(ds.IntegrityMonitoringRule(
                severity=r["severity"], type="custom" if r["custom"] else "file", **common))
        else:
            rule = ds.LogInspectionRule(type="custom" if r["custom"] else "basic-rule", **common)
            if depends:
                rule.depends_on_rule_ids = depends
            li.append(rule)
    return (ds.IntrusionPreventionRules(intrusion_prevention_rules=ips),
            ds.IntegrityMonitoringRules(integrity_monitoring_rules=im),
            ds.LogInspectionRules(log_inspection_rules=li))


def build_application_types(mgr):
    types = []
    for a in mgr.app_types:
        types.append(ds.ApplicationType(
            id=mgr.app_type_id[a["id"]], name=a["name"], direction=a["direction"],
            protocol=a["protocol"], port_type="multiple", port_multiple=a["ports"],
            recommendations_mode="enabled"))
    return ds.ApplicationTypes(application_types=types)


RULE_LIST_CLASS = {
    IPS: (ds.IntrusionPreventionRules, ds.IntrusionPreventionRule, "intrusion_prevention_rules"),
    IM: (ds.IntegrityMonitoringRules, ds.IntegrityMonitoringRule, "integrity_monitoring_rules"),
    LI: (ds.LogInspectionRules, ds.LogInspectionRule, "log_inspection_rules"),
}


def build_level_overrides(mgr):
    """(relative path, wrapper) of each level's rule overrides, levels without none omitted."""
    out = []
    levels = [("policies", mgr.policy_id[p["native"]], p) for p in mgr.policies]
    levels += [("computers", mgr.computer_id[c["hostname"]], c) for c in mgr.computers]
    for kind, level_id, level in levels:
        for module in MODULES:
            wrapper_cls, rule_cls, attr = RULE_LIST_CLASS[module]
            rules = [rule_cls(id=mgr.rule_id[o["rule"]],
                              recommendations_mode=recommendations_mode(o["recommendations"]))
                     for o in level["overrides"] if mgr.rule_module[o["rule"]] == module]
            if rules:
                out.append((f"api/{kind}/{level_id}/{MODULE_PATH[module]}/rules.json",
                            wrapper_cls(**{attr: rules})))
    return out


ASSIGNMENTS_CLASS = {IPS: ds.IntrusionPreventionAssignments,
                     IM: ds.IntegrityMonitoringAssignments,
                     LI: ds.LogInspectionAssignments}


def parse_utc(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))


def build_assignments(mgr, report):
    """(relative path, assignments) of each computer's recommendation scan, per module."""
    out = []
    unknown = [d["host"] for d in DISAGREEMENTS.values()
               if not any(c["hostname"].lower() == d["host"] for c in mgr.computers)
               or d["host"] not in report]
    if unknown:
        raise ConvertError(f"disagreement hosts not in the fleet and report: {unknown}")
    for c in mgr.computers:
        host = report.get(c["hostname"].lower())
        if host is None or c["hostname"].lower() == DISAGREEMENTS["no-scan"]["host"]:
            continue
        cid = mgr.computer_id[c["hostname"]]
        modules = [m for m in MODULES if any(r["module"] == m for r in host["rules"])]
        if not host["collected"]:
            # Never inventoried: the manager has never scanned it either.
            status, scanned, modules = "none", None, [IPS]
        elif c["hostname"].lower() == DISAGREEMENTS["out-of-date"]["host"]:
            status, scanned = "out-of-date", parse_utc(DISAGREEMENTS["out-of-date"]["scanned"])
            if scanned >= parse_utc(host["collected"]):
                raise ConvertError("the out-of-date scan must be older than the inventory")
        else:
            status, scanned = "valid", parse_utc(host["collected"]) + SCAN_DELAY_SECONDS
        for module in modules:
            to_assign = [r["id"] for r in host["rules"]
                         if r["module"] == module and r["outcome"] == "to-assign"]
            to_unassign = [r["id"] for r in host["rules"]
                           if r["module"] == module and r["outcome"] == "to-unassign"]
            for d in DISAGREEMENTS.values():
                if d["host"] != c["hostname"].lower() or d.get("module") != module:
                    continue
                if "misses" in d:
                    if d["misses"] not in to_assign:
                        raise ConvertError(f"{d['host']}: recscan does not recommend {d['misses']}")
                    to_assign.remove(d["misses"])
                if "recommends" in d:
                    if d["recommends"] in to_assign:
                        raise ConvertError(f"{d['host']}: recscan already recommends {d['recommends']}")
                    to_assign.append(d["recommends"])
            assigned = mgr.assigned(c, module)
            a = ASSIGNMENTS_CLASS[module](assigned_rule_ids=assigned,
                                          recommendation_scan_status=status)
            if scanned is not None:
                a.last_recommendation_scan_date = scanned * 1000
                a.recommended_to_assign_rule_ids = sorted(mgr.rule_id[r] for r in to_assign)
                a.recommended_to_unassign_rule_ids = sorted(mgr.rule_id[r] for r in to_unassign)
            if module == IPS:
                types = (mgr.rule_by_identifier[r]["applicationType"] for r in mgr.rule_id
                         if mgr.rule_id[r] in assigned)
                a.assigned_application_type_ids = sorted({mgr.app_type_id[t] for t in types if t})
            out.append((f"api/computers/{cid}/{MODULE_PATH[module]}/assignments.json", a))
    return out


# --------------------------------------------------------------------------------------------
# Writing


def register_xml(mgr, fleet_path):
    """The exclusion register: one entry per excluded override with reason, by or expires."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<exclusions xmlns="urn:recscan:exclusions:1">',
             f"  <!-- Generated by tools/deepsecurity/convert_fleet.py from {fleet_path}: the",
             "       metadata of each excluded override that the manager's API does not hold.",
             "       policy = the policy name and computer = the computer hostName, as in the",
             "       manager; rule = the rule identifier. -->"]
    levels = [("policy", p["name"], p) for p in mgr.policies]
    levels += [("computer", mgr.host_name(c), c) for c in mgr.computers]
    for kind, name, level in levels:
        for o in level["overrides"]:
            if o["recommendations"] != "excluded":
                continue
            if not any(o[k] for k in ("reason", "by", "expires")):
                continue
            attrs = [f"{kind}={quoteattr(name)}", f"rule={quoteattr(o['rule'])}"]
            attrs += [f"{k}={quoteattr(o[k])}" for k in ("reason", "by", "expires") if o[k]]
            lines.append(f"  <exclusion {' '.join(attrs)}/>")
    lines.append("</exclusions>")
    return "\n".join(lines) + "\n"


def write_json(client, out_dir, rel_path, model):
    path = os.path.join(out_dir, rel_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    body = client.sanitize_for_serialization(model)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(body, indent=2, sort_keys=True) + "\n")


def convert(fleet, catalog, out, register=None, recommendations=None):
    mgr = Manager(fleet, catalog)
    files = [("api/policies.json", build_policies(mgr)),
             ("api/computers.json", build_computers(mgr))]
    ips, im, li = build_rule_lists(mgr)
    files += [("api/intrusionpreventionrules.json", ips),
              ("api/integritymonitoringrules.json", im),
              ("api/loginspectionrules.json", li),
              ("api/applicationtypes.json", build_application_types(mgr))]
    files += build_level_overrides(mgr)
    if recommendations:
        files += build_assignments(mgr, read_report(recommendations))

    # Only the api/ tree is generated: it is replaced whole, so no stale response survives.
    shutil.rmtree(os.path.join(out, "api"), ignore_errors=True)
    client = ds.ApiClient()
    for rel, model in files:
        write_json(client, out, rel, model)
    if register:
        os.makedirs(os.path.dirname(os.path.abspath(register)), exist_ok=True)
        with open(register, "w", encoding="utf-8", newline="\n") as f:
            f.write(register_xml(mgr, fleet))
    return mgr, len(files)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Write a Deep Security REST API export (one JSON response per file) of a "
                    "recscan native fleet, built with Trend Micro's SDK models.")
    parser.add_argument("--fleet", required=True, help="native fleet XML (urn:recscan:fleet:1)")
    parser.add_argument("--catalog", required=True, help="rule catalog XML (urn:recscan:catalog:1)")
    parser.add_argument("--out", required=True,
                        help="export folder; its api/ subtree is replaced")
    parser.add_argument("--register", help="also write the exclusion register XML here")
    parser.add_argument("--recommendations", metavar="REPORT.xml",
                        help="recscan report.xml: also write each computer's recommendation scan "
                             "(assignments.json), with the deliberate disagreements")
    args = parser.parse_args(argv)
    try:
        mgr, count = convert(args.fleet, args.catalog, args.out, args.register,
                             args.recommendations)
    except (ConvertError, ET.ParseError, OSError) as e:
        print(f"convert_fleet.py: {e}", file=sys.stderr)
        return 1
    print(f"wrote {count} responses for {len(mgr.policies)} policies and "
          f"{len(mgr.computers)} computers to {args.out}/api")
    return 0


if __name__ == "__main__":
    sys.exit(main())
