#!/usr/bin/env python3
"""Check recscan's planned Deep Security API requests against Trend Micro's SDK.

A plan is an ordered JSON array of requests:

    [{"step": 1, "method": "DELETE",
      "path": "/api/policies/3/intrusionprevention/assignments/4002",
      "host": "web02", "rule": "1000763", "why": "..."},
     {"step": 2, "method": "POST", "path": "/api/computers/101",
      "body": {"computerSettings": {"firewallSettingNetworkEngineMode": {"value": "Tap"}}},
      "why": "..."}]

Each request must
  - have the keys step (int), method (str), path (str), why (str) and optionally body (object),
    host (str), rule (str), and no others; steps run 1..n in order;
  - have a path that starts with /api and, without /api, matches one endpoint template of the
    SDK (placeholders ending in "ID" take integers) with that HTTP method; a query string may
    only name query parameters of that endpoint; a setting-name placeholder must name a
    setting of the settings model the SDK maps it with;
  - carry a body exactly when the endpoint takes one (it may be left out where the SDK makes it
    optional), and the body must deserialize into the endpoint's body model with the SDK's own
    ApiClient deserializer (whose model setters check enum values), every key must be an
    attribute of that model (recursively, with JSON types matching the model's types), and
    serializing the result must give the body back unchanged.

The endpoint templates, their methods, query parameters and body models are not written down
here: they are read from the SDK by calling every *_with_http_info method of every API class
with ApiClient.call_api replaced by a recorder.

Exit status: 0 and "N requests match the SDK" when every request matches; 1 with one line per
problem ("step K: ...") otherwise; 2 when the plan cannot be read. --self-test checks the
checker itself against a good plan and bad ones built in this file.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import urllib.parse

try:
    import deepsecurity
    import deepsecurity.api
    import deepsecurity.models
except ImportError:  # pragma: no cover - message for a machine without the SDK
    sys.exit("check_api_plan.py: needs Trend Micro's SDK: pip install deep-security-api==20.0.463")

PLAN_KEYS = {"step": int, "method": str, "path": str, "why": str, "body": dict, "host": str,
             "rule": str}
REQUIRED_KEYS = ("step", "method", "path", "why")
KIND_NAMES = {int: "an integer", str: "a string", dict: "an object"}
API_PREFIX = "/api"


# --------------------------------------------------------------------------------------------
# Endpoints, as the SDK defines them


class _Arg:
    """A stand-in argument: records which parameter ended up where."""

    def __init__(self, name):
        self.name = name

    def __str__(self):  # path IDs are checked against /\d+/ before the call
        return "1"

    __repr__ = __str__


class Endpoint:
    def __init__(self, template, method, function, query, body_param, body_type, body_required,
                 response_type, settings_model):
        self.template = template
        self.method = method
        self.function = function
        self.query = query
        self.body_param = body_param
        self.body_type = body_type
        self.body_required = body_required
        self.settings_model = settings_model
        self.response_type = response_type
        self.regex, self.placeholders = template_regex(template)

    def __repr__(self):
        return f"{self.method} {self.template} ({self.function})"


def template_regex(template):
    """Regex of a template: {…ID} placeholders take integers, others one path segment."""
    placeholders, parts, pos = [], [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        parts.append(re.escape(template[pos:m.start()]))
        name = m.group(1)
        placeholders.append(name)
        parts.append(r"([0-9]+)" if name.endswith("ID") else r"([^/]+)")
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    return re.compile("^" + "".join(parts) + "$"), placeholders


DOC_PARAM = re.compile(r"^\s*:param (\S+) (\w+):", re.M)
SETTINGS_MAP = re.compile(r"(\w+)\.attribute_map\[")


def sdk_endpoints():
    """Every endpoint of the SDK, by calling each *_with_http_info method with a recorder."""
    endpoints = []
    for class_name, cls in sorted(vars(deepsecurity.api).items()):
        if not (inspect.isclass(cls) and class_name.endswith("Api")):
            continue
        recorded = []

        class Recorder:
            def call_api(self, resource_path, method, path_params=None, query_params=None,
                         header_params=None, body=None, response_type=None, **kwargs):
                recorded.append((resource_path, method, query_params or [], body, response_type))

            def select_header_accept(self, accepts):
                return None

            def select_header_content_type(self, content_types):
                return None

        api = cls(api_client=Recorder())
        for name, function in sorted(inspect.getmembers(cls, inspect.isfunction)):
            if not name.endswith("_with_http_info"):
                continue
            doc = inspect.getdoc(function) or ""
            types = {pname: ptype for ptype, pname in DOC_PARAM.findall(doc)}
            positional = [p for p in inspect.signature(function).parameters.values()
                          if p.name != "self" and p.kind == p.POSITIONAL_OR_KEYWORD]
            args = [_Arg(p.name) for p in positional]
            kwargs = {p: _Arg(p) for p in types if p not in {a.name for a in args}}
            recorded.clear()
            getattr(api, name)(*args, **kwargs)
            if len(recorded) != 1:
                raise RuntimeError(f"{class_name}.{name}: expected one call_api, got {recorded}")
            template, method, query, body, response_type = recorded[0]
            body_param = body.name if isinstance(body, _Arg) else None
            settings = SETTINGS_MAP.findall(inspect.getsource(function))
            endpoints.append(Endpoint(
                template=template, method=method, function=f"{class_name}.{name[:-15]}",
                query=sorted(k for k, _ in query), body_param=body_param,
                body_type=types.get(body_param) if body_param else None,
                body_required=body_param in {p.name for p in positional},
                response_type=response_type,
                settings_model=settings[0] if settings else None))
    return endpoints


# --------------------------------------------------------------------------------------------
# Bodies, as the SDK's models define them

PRIMITIVES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,),
              "object": (object,)}


def check_shape(value, type_name, where, problems):
    """Every key a model attribute, every JSON value of the attribute's type."""
    if value is None:
        return
    m = re.match(r"list\[(.*)\]$", type_name)
    if m:
        if not isinstance(value, list):
            problems.append(f"{where}: expected a list ({type_name}), got {json.dumps(value)}")
            return
        for i, item in enumerate(value):
            check_shape(item, m.group(1), f"{where}[{i}]", problems)
        return
    m = re.match(r"dict\(([^,]*), (.*)\)$", type_name)
    if m:
        if not isinstance(value, dict):
            problems.append(f"{where}: expected an object ({type_name})")
            return
        for k, v in value.items():
            check_shape(v, m.group(2), f"{where}.{k}", problems)
        return
    if type_name in PRIMITIVES:
        ok = isinstance(value, PRIMITIVES[type_name])
        if type_name in ("int", "float") and isinstance(value, bool):
            ok = False
        if not ok:
            problems.append(f"{where}: expected {type_name}, got {json.dumps(value)}")
        return
    model = getattr(deepsecurity.models, type_name, None)
    if model is None:
        problems.append(f"{where}: the SDK has no type {type_name}")
        return
    if not isinstance(value, dict):
        problems.append(f"{where}: expected an object ({type_name}), got {json.dumps(value)}")
        return
    by_json = {json_key: attr for attr, json_key in model.attribute_map.items()}
    for key, item in value.items():
        if key not in by_json:
            problems.append(f"{where}: {type_name} has no field {key!r}")
            continue
        check_shape(item, model.swagger_types[by_json[key]], f"{where}.{key}", problems)


_CLIENT = None


def client():
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = deepsecurity.ApiClient()
    return _CLIENT


def check_body(body, type_name):
    """Problems with a body for a model type: shape, SDK deserialization, round trip."""
    problems = []
    check_shape(body, type_name, "body", problems)
    if problems:
        return problems
    try:
        # The SDK's own JSON -> model conversion; the model setters validate enum values.
        obj = client()._ApiClient__deserialize(body, type_name)
    except (ValueError, TypeError) as e:
        return [f"body is not a valid {type_name}: {e}"]
    again = client().sanitize_for_serialization(obj)
    if again != body:
        return [f"body does not round-trip through {type_name}: "
                f"{json.dumps(body, sort_keys=True)} became {json.dumps(again, sort_keys=True)}"]
    return []


# --------------------------------------------------------------------------------------------
# Plans


def check_request(index, request, endpoints):
    """Problems with one request of a plan (without the step-order check)."""
    if not isinstance(request, dict):
        return ["is not an object"]
    problems = []
    for key in sorted(set(request) - set(PLAN_KEYS)):
        problems.append(f"unknown key {key!r}")
    for key in REQUIRED_KEYS:
        if key not in request:
            problems.append(f"missing key {key!r}")
    for key, kind in PLAN_KEYS.items():
        if key in request:
            value = request[key]
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                problems.append(f"{key} must be {KIND_NAMES[kind]}, got {json.dumps(value)}")
    if problems:
        return problems
    if not request["why"].strip():
        problems.append("why is empty")

    method, full_path = request["method"], request["path"]
    path, _, query = full_path.partition("?")
    if not path.startswith(API_PREFIX + "/"):
        return problems + [f"path {full_path!r} does not start with {API_PREFIX}/"]
    path = path[len(API_PREFIX):]
    matches = [e for e in endpoints if e.regex.match(path)]
    if not matches:
        return problems + [f"{method} {full_path}: no SDK endpoint has this path"]
    with_method = [e for e in matches if e.method == method]
    if not with_method:
        methods = ", ".join(sorted({e.method for e in matches}))
        templates = ", ".join(sorted({e.template for e in matches}))
        return problems + [f"{method} {full_path}: the SDK has no {method} for {templates} "
                           f"(only {methods})"]
    # The most literal template wins (/policies/default/... over /policies/{policyID}/...).
    endpoint = min(with_method, key=lambda e: len(e.placeholders))

    values = dict(zip(endpoint.placeholders, endpoint.regex.match(path).groups()))
    if "name" in values and endpoint.settings_model:
        model = getattr(deepsecurity.models, endpoint.settings_model)
        if values["name"] not in model.attribute_map.values():
            problems.append(f"{method} {full_path}: {values['name']!r} is not a setting of "
                            f"{endpoint.settings_model}")
    for key in sorted({k for k, _ in urllib.parse.parse_qsl(query, keep_blank_values=True)}):
        if key not in endpoint.query:
            problems.append(f"{method} {full_path}: {endpoint.function} takes no query "
                            f"parameter {key!r} (only {', '.join(endpoint.query) or 'none'})")

    body = request.get("body")
    if body is None:
        if endpoint.body_required:
            problems.append(f"{method} {full_path}: {endpoint.function} needs a "
                            f"{endpoint.body_type} body")
    elif endpoint.body_type is None:
        problems.append(f"{method} {full_path}: {endpoint.function} takes no body")
    else:
        problems += [f"{method} {full_path}: {p}" for p in check_body(body, endpoint.body_type)]
    return problems


def check_plan(plan, endpoints):
    """(number of requests, list of "step K: problem" lines)."""
    if not isinstance(plan, list):
        return 0, ["the plan is not a JSON array"]
    lines = []
    for index, request in enumerate(plan):
        label = f"step {request.get('step', '?')}" if isinstance(request, dict) else \
            f"request #{index + 1}"
        problems = check_request(index, request, endpoints)
        step = request.get("step") if isinstance(request, dict) else None
        if isinstance(step, int) and not isinstance(step, bool) and step != index + 1:
            problems.insert(0, f"is request #{index + 1}; steps must run 1..n in order")
        lines += [f"{label}: {p}" for p in problems]
    return len(plan), lines


# --------------------------------------------------------------------------------------------
# Self-test

GOOD_PLAN = [
    {"step": 1, "method": "DELETE", "path": "/api/policies/3/intrusionprevention/assignments/4002",
     "host": "web02", "rule": "1000763", "why": "excluded on web02; unassign on its policy"},
    {"step": 2, "method": "DELETE",
     "path": "/api/computers/104/intrusionprevention/assignments/4044", "host": "db01",
     "rule": "1002297", "why": "unknown rule"},
    {"step": 3, "method": "DELETE",
     "path": "/api/computers/105/integritymonitoring/assignments/6013", "why": "im"},
    {"step": 4, "method": "DELETE", "path": "/api/policies/6/loginspection/assignments/7007",
     "why": "li"},
    {"step": 5, "method": "POST", "path": "/api/computers/101/intrusionprevention/assignments",
     "body": {"ruleIDs": [4006, 4031]}, "host": "web01", "why": "to-assign"},
    {"step": 6, "method": "POST", "path": "/api/policies/3/integritymonitoring/assignments",
     "body": {"ruleIDs": [6001]}, "why": "to-assign"},
    {"step": 7, "method": "POST", "path": "/api/computers/101/loginspection/assignments",
     "body": {"ruleIDs": [7001, 7002]}, "why": "to-assign"},
    {"step": 8, "method": "POST", "path": "/api/computers/102/intrusionprevention/rules/4002",
     "body": {"recommendationsMode": "ignored"}, "host": "web02", "rule": "1000763",
     "why": "exclude from recommendations"},
    {"step": 9, "method": "POST", "path": "/api/policies/11/intrusionprevention/rules/4022",
     "body": {"recommendationsMode": "enabled"}, "why": "re-enable"},
    {"step": 10, "method": "POST", "path": "/api/computers/105/integritymonitoring/rules/6013",
     "body": {"recommendationsMode": "ignored"}, "why": "im"},
    {"step": 11, "method": "POST", "path": "/api/policies/5/loginspection/rules/7005",
     "body": {"recommendationsMode": "ignored"}, "why": "li"},
    {"step": 12, "method": "POST", "path": "/api/computers/101",
     "body": {"computerSettings": {"firewallSettingNetworkEngineMode": {"value": "Tap"}}},
     "host": "web01", "why": "tap while the false positives are tuned"},
    {"step": 13, "method": "DELETE",
     "path": "/api/computers/101/settings/firewallSettingNetworkEngineMode", "host": "web01",
     "why": "restore the inherited engine mode"},
    {"step": 14, "method": "GET",
     "path": "/api/computers/101/intrusionprevention/assignments?overrides=true",
     "why": "read back"},
]


def _bad(step_changes):
    plan = json.loads(json.dumps(GOOD_PLAN))
    for index, changes in step_changes.items():
        for key, value in changes.items():
            if value is None:
                plan[index].pop(key, None)
            else:
                plan[index][key] = value
    return plan


BAD_PLANS = {
    "wrong method": (_bad({4: {"method": "PUT", "path": "/api/computers/101/intrusionprevention/rules/4002",
                                "body": {"recommendationsMode": "ignored"}}}), "no PUT"),
    "wrong method on a model": (_bad({11: {"method": "PATCH"}}), "no PATCH"),
    "unknown path": (_bad({0: {"path": "/api/policies/3/intrusionprevention/exclusions/4002"}}),
                     "no SDK endpoint has this path"),
    "non-integer ID": (_bad({0: {"path": "/api/policies/linux-web/intrusionprevention/assignments/4002"}}),
                       "no SDK endpoint has this path"),
    "no /api prefix": (_bad({0: {"path": "/policies/3/intrusionprevention/assignments/4002"}}),
                       "does not start with /api/"),
    "unknown body field": (_bad({11: {"body": {"computerSettings": {
        "firewallSettingNetworkEngineMod": {"value": "Tap"}}}}}),
        "ComputerSettings has no field 'firewallSettingNetworkEngineMod'"),
    "unknown top-level body field": (_bad({4: {"body": {"ruleIDs": [4006], "hostName": "web01"}}}),
                                     "RuleIDs has no field 'hostName'"),
    "bad enum value": (_bad({7: {"body": {"recommendationsMode": "excluded"}}}),
                       "Invalid value for `recommendations_mode` (excluded)"),
    "bad nested enum value": (_bad({11: {"body": {"intrusionPrevention": {"state": "block"}}}}),
                              "Invalid value for `state` (block)"),
    "wrong JSON type": (_bad({4: {"body": {"ruleIDs": ["4006"]}}}), "expected int"),
    "body where none is taken": (_bad({0: {"body": {"ruleIDs": [4002]}}}), "takes no body"),
    "missing required body": (_bad({7: {"body": None}}), "needs a IntrusionPreventionRule body"),
    "unknown setting": (_bad({12: {"path": "/api/computers/101/settings/firewallSettingEngineMode"}}),
                        "is not a setting of ComputerSettings"),
    "unknown query parameter": (_bad({13: {"path": "/api/computers/101/intrusionprevention/assignments?expand=all"}}),
                                "takes no query parameter 'expand'"),
    "steps out of order": (_bad({1: {"step": 3}}), "steps must run 1..n in order"),
    "missing why": (_bad({2: {"why": None}}), "missing key 'why'"),
    "unknown key": (_bad({2: {"computer": "db02"}}), "unknown key 'computer'"),
    "step not an integer": (_bad({2: {"step": "3"}}), "step must be an integer"),
    "path not a string": (_bad({2: {"path": ["/api/computers/105"]}}), "path must be a string"),
}


def self_test(endpoints):
    failures = []
    count, lines = check_plan(GOOD_PLAN, endpoints)
    if lines:
        failures.append(f"the good plan was refused: {lines}")
    for name, (plan, expected) in BAD_PLANS.items():
        _, lines = check_plan(plan, endpoints)
        if not any(expected in line for line in lines):
            failures.append(f"{name}: expected a problem containing {expected!r}, got {lines}")
    _, lines = check_plan({"step": 1}, endpoints)
    if lines != ["the plan is not a JSON array"]:
        failures.append(f"a non-array plan: {lines}")
    for f in failures:
        print(f"self-test: FAIL {f}", file=sys.stderr)
    passed = 2 + len(BAD_PLANS) - len(failures)
    print(f"self-test: {len(endpoints)} SDK endpoints, a good plan of {count} requests, "
          f"{len(BAD_PLANS)} bad plans")
    print(f"self-test: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Check a plan of Deep Security API requests (a JSON array) against the "
                    "endpoints and models of Trend Micro's SDK (deep-security-api).")
    parser.add_argument("plan", nargs="?", help="plan JSON file ('-' for standard input)")
    parser.add_argument("--self-test", action="store_true",
                        help="check the checker against plans built into this script")
    parser.add_argument("--list-endpoints", action="store_true",
                        help="print the SDK's endpoints (method, template, query parameters, body and "
                             "response models) and exit")
    args = parser.parse_args(argv)
    endpoints = sdk_endpoints()
    if args.list_endpoints:
        for e in sorted(endpoints, key=lambda e: (e.template, e.method)):
            body = f" body={e.body_type}{'' if e.body_required else '?'}" if e.body_type else ""
            query = f" query={','.join(e.query)}" if e.query else ""
            answer = f" -> {e.response_type}" if e.response_type else ""
            print(f"{e.method:6} {API_PREFIX}{e.template}{query}{body}{answer}  [{e.function}]")
        return 0
    if args.self_test:
        return self_test(endpoints)
    if not args.plan:
        parser.error("a plan file is needed (or --self-test)")
    try:
        if args.plan == "-":
            plan = json.load(sys.stdin)
        else:
            with open(args.plan, encoding="utf-8") as f:
                plan = json.load(f)
    except (OSError, ValueError) as e:
        print(f"check_api_plan.py: cannot read {args.plan}: {e}", file=sys.stderr)
        return 2
    count, lines = check_plan(plan, endpoints)
    if lines:
        for line in lines:
            print(line)
        print(f"{len(lines)} problem(s) in {count} requests", file=sys.stderr)
        return 1
    print(f"{count} requests match the SDK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
