import Foundation

/// Writes a synthetic catalog, fleet and one inventory per host, deterministically; hosts take
/// the spec's formats in turn.
struct WorkloadWriter {
    let spec: WorkloadSpec

    func write(to directory: String) throws {
        let inventories = directory + "/inventories"
        try FileManager.default.createDirectory(atPath: inventories, withIntermediateDirectories: true)
        try catalog().write(toFile: directory + "/catalog.xml", atomically: false, encoding: .utf8)
        try fleet().write(toFile: inventories + "/fleet.xml", atomically: false, encoding: .utf8)
        for index in 0..<spec.hosts {
            let host = SyntheticHost(index, spec: spec)
            let format = spec.format(ofHost: index)
            try format.render(host).write(
                toFile: "\(inventories)/\(format.fileName(host))", atomically: false, encoding: .utf8)
        }
    }

    /// The package a software rule names, and its ecosystem.
    func softwareTarget(rule: Int) -> (rpm: Bool, package: Int) {
        var random = SplitMix64.forItem(spec.seed, rule, salt: 1)
        return (rule % 2 == 1, Int(random.next() % UInt64(spec.packageUniverse)))
    }

    func catalog() -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<catalog xmlns=\"urn:recscan:catalog:1\" version=\"synthetic-\(spec.seed)\">\n"
        for type in 0..<spec.applicationTypes {
            let package = WorkloadSpec.packageName(type * 7, rpm: false)
            xml += "  <applicationType id=\"app-\(type)\" name=\"Application \(type)\" direction=\"incoming\" "
            xml +=
                "protocol=\"tcp\" ports=\"\(2000 + type)\"><detect><listen protocol=\"tcp\" port=\"\(2000 + type)\"/>"
            xml += "<software ecosystem=\"deb\" name=\"\(package)\"/></detect></applicationType>\n"
        }
        for index in 0..<spec.rules { xml += rule(index) }
        return xml + "</catalog>\n"
    }

    private func rule(_ index: Int) -> String {
        let id = 1_000_000 + index
        let module = ["intrusion-prevention", "intrusion-prevention", "integrity-monitoring", "log-inspection"][
            index % 4]
        var attributes =
            "id=\"\(id)\" module=\"\(module)\" name=\"Synthetic rule \(id)\" severity=\"\(["low", "medium", "high", "critical"][index % 4])\""
        if index % 9 == 0 { attributes += " autoApply=\"never\" autoApplyReason=\"may-affect-operation\"" }
        // Most real rules name vulnerable software; application-type, file and service rules
        // are fewer, and rules that need nothing but an OS are rare.
        let kind = index % 100
        var body = ""
        switch kind {
        case 0..<80:
            let target = softwareTarget(rule: index)
            let name = WorkloadSpec.packageName(target.package, rpm: target.rpm)
            let ecosystem = target.rpm ? "rpm" : "deb"
            let fixed = target.rpm ? "2.0.0-1.el9" : "2.0.0-1"
            body =
                "<applies><software ecosystem=\"\(ecosystem)\" name=\"\(name)\" introduced=\"1.0\" fixed=\"\(fixed)\"/></applies>"
        case 80..<90:
            attributes += " applicationType=\"app-\(index % spec.applicationTypes)\""
        case 90:
            body =
                index % 2 == 0
                ? "<applies><os family=\"linux\" name=\"debian\" version=\"12\"/></applies>"
                : "<applies><os family=\"linux\" name=\"rhel\" minVersion=\"9\"/></applies>"
        case 91..<96:
            body = "<applies><file path=\"/etc/app\(index % 500)/app.conf\"/></applies>"
        default:
            body = "<applies><service name=\"svc\(index % 200)\"/></applies>"
        }
        if index % 50 == 1 && index > 1 { body = "<dependsOn rule=\"\(id - 1)\"/>" + body }
        return "  <rule \(attributes)>\(body)</rule>\n"
    }

    func fleet() -> String {
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fleet xmlns=\"urn:recscan:fleet:1\" exported=\"2026-11-28T09:00:00Z\">\n"
        xml += "  <policy id=\"base\" name=\"Base\"><settings module=\"intrusion-prevention\" autoApply=\"yes\"/>"
        xml += "<assign rule=\"1000012\"/></policy>\n"
        let groups = max(1, (spec.policies - 1) / 6)
        for group in 0..<groups {
            xml +=
                "  <policy id=\"group-\(group)\" parent=\"base\" name=\"Group \(group)\"><assign rule=\"\(1_000_100 + group)\"/>"
            xml +=
                "<override rule=\"\(1_000_200 + group)\" recommendations=\"excluded\" reason=\"synthetic\" by=\"bench\" expires=\"2027-06-30\"/></policy>\n"
            for leaf in 0..<5 {
                xml +=
                    "  <policy id=\"leaf-\(group)-\(leaf)\" parent=\"group-\(group)\" name=\"Leaf \(group).\(leaf)\">"
                xml += "<assign rule=\"\(1_000_300 + leaf)\"/></policy>\n"
            }
        }
        for index in 0..<spec.hosts {
            let policy = "leaf-\(index % groups)-\(index % 5)"
            let tap = index % 100 == 0 ? " engineMode=\"tap\"" : ""
            xml += "  <computer hostname=\"\(WorkloadSpec.hostname(index))\" policy=\"\(policy)\"\(tap)>"
            xml += index % 10 == 0 ? "<assign rule=\"\(1_000_009 + index % 90 * 9)\"/>" : ""
            xml += "</computer>\n"
        }
        return xml + "</fleet>\n"
    }
}
