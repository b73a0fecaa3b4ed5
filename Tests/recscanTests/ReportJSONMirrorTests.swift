import Foundation
import Testing

/// `report.json` says what `report.xml` says: the golden reports of the sample scan and of its
/// rerun (which has changes), the XML read by Python's ElementTree and mapped to the JSON shape
/// by the rules README documents, compared value by value. Its own reader and its own mapping,
/// so neither of recscan's writers checks itself.
@Suite("report.json mirrors report.xml")
struct ReportJSONMirrorTests {
    static let python: String? = ["python3", "/usr/bin/python3"].first { candidate in
        (try? ReportJSONSchemaTests.run("/usr/bin/env", [candidate, "-c", "import xml.etree.ElementTree"]).status)
            == 0
    }

    static let mirror = #"""
        import json, sys, xml.etree.ElementTree as ET
        NS = "{urn:recscan:report:1}"
        COUNTS = {"maxAgeDays", "hosts", "toAssign", "auto", "manual", "assigned", "toUnassign", "excluded",
                  "findings", "rejectedInputs", "line", "column", "needing", "events", "order", "count",
                  "alsoAffects", "port", "newRecommendations", "resolvedRecommendations", "newFindings",
                  "resolvedFindings", "otherRuleChanges", "new", "resolved", "rules"}
        BOOLEANS = {"blocks", "blocked", "needed", "optional", "added"}
        def value(name, text):
            if name in COUNTS: return int(text)
            if name in BOOLEANS: return text == "true"
            return text
        def attributes(element, strings=()):
            return {k: (v if k in strings else value(k, v)) for k, v in element.attrib.items()}
        def children(element, name): return [c for c in element if c.tag == NS + name]
        def host(h):
            o = attributes(h)
            for os in children(h, "os"): o["os"] = attributes(os)
            o["sources"] = [s.get("file") for s in children(h, "source")]
            for i in children(h, "inventory"):
                o["inventory"] = dict(attributes(i), read=[attributes(x) for x in children(i, "read")],
                                      packages=[attributes(x) for x in children(i, "packages")])
            for s in children(h, "settings"):
                o["settings"] = dict(attributes(s), setAt=[attributes(x) for x in children(s, "setAt")],
                                     autoApply={x.get("module"): x.get("value") == "yes" for x in children(s, "autoApply")})
            o["rules"] = []
            for r in children(h, "rule"):
                ro = dict(attributes(r), evidence=[attributes(x) for x in children(r, "evidence")],
                          assignedAt=[attributes(x) for x in children(r, "assignedAt")])
                for x in children(r, "excludedBy"): ro["excludedBy"] = attributes(x)
                o["rules"].append(ro)
            o["findings"] = [dict(attributes(f), message=f.text or "") for f in children(h, "finding")]
            for c in children(h, "changes"):
                o["changes"] = dict({"added": False}, **attributes(c), rules=[attributes(x) for x in children(c, "rule")],
                                    findings=[attributes(x) for x in children(c, "finding")])
            return o
        def report(path):
            r = ET.parse(path).getroot()
            o = dict({"format": "urn:recscan:report-json:1"}, **attributes(r))
            o["summary"] = attributes(children(r, "summary")[0])
            for c in children(r, "changes"):
                co = attributes(c)
                if "unavailable" not in co:
                    for name, element in [("hostsAdded", "hostAdded"), ("hostsGone", "hostGone")]:
                        co[name] = [x.get("hostname") for x in children(c, element)]
                    co["hostsChanged"] = [attributes(x) for x in children(c, "hostChanged")]
                    co["rules"] = [attributes(x) for x in children(c, "rule")]
                o["changes"] = co
            o["hosts"] = [host(h) for h in children(r, "host")]
            o["rejected"] = [attributes(x) for x in children(r, "rejected")]
            o["exclusions"] = [dict(attributes(x), issues=(x.get("issues") or "").split()) for x in children(r, "exclusion")]
            o["triage"] = [dict(attributes(t), steps=[dict({"optional": False}, **attributes(s, strings=("hosts",)), text=s.text or "")
                                                      for s in children(t, "step")]) for t in children(r, "triage")]
            return o
        expected, produced = report(sys.argv[1]), json.load(open(sys.argv[2], encoding="utf-8"))
        if expected != produced:
            def walk(a, b, path):
                if type(a) != type(b) or (not isinstance(a, (dict, list)) and a != b):
                    print(f"{path}: xml says {a!r:.120}, json says {b!r:.120}"); return True
                if isinstance(a, dict):
                    if set(a) != set(b): print(f"{path}: members differ: {sorted(set(a) ^ set(b))}"); return True
                    return any(walk(a[k], b[k], f"{path}.{k}") for k in a)
                if isinstance(a, list):
                    if len(a) != len(b): print(f"{path}: {len(a)} items in xml, {len(b)} in json"); return True
                    return any(walk(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b)))
            walk(expected, produced, "$")
            sys.exit(1)
        """#

    @Test(
        .enabled(if: python != nil, "needs python3"),
        arguments: ["sample", "rerun"])
    func theGoldenJSONSaysWhatTheGoldenXMLSays(scenario: String) throws {
        let python = try #require(Self.python)
        let folder = EndToEndTests.repository.appendingPathComponent("Tests/recscanTests/Golden/" + scenario)
        let check = try ReportJSONSchemaTests.run(
            "/usr/bin/env",
            [
                python, "-c", Self.mirror, folder.appendingPathComponent("report.xml").path,
                folder.appendingPathComponent("report.json").path,
            ])
        #expect(check.status == 0, "\(check.output)")
    }
}
