/// Evidence in words, e.g. "package deb openssl 1.0.1e-2 in [1.0.1, 1.0.1g-1)".
///
/// Each kind has a sentence built from the attributes it is known to carry; any other attribute
/// follows as `name=value`, so nothing the matcher recorded is lost.
enum EvidenceText {
    /// The evidence of one rule as list items; a dependency names its rule with a link when
    /// `ruleLink` gives one.
    /// `applicationTypeName` gives the catalog's name of an application type id.
    static func render(
        _ evidence: [Evidence],
        ruleLink: (String) -> HTMLFragment,
        applicationTypeName: (String) -> String?
    ) -> HTMLFragment {
        let items = evidence.map { item(for: $0, ruleLink: ruleLink, applicationTypeName: applicationTypeName) }
        return HTMLBlocks.list(items, className: "evidence")
    }

    /// One piece of evidence.
    static func item(
        for evidence: Evidence,
        ruleLink: (String) -> HTMLFragment,
        applicationTypeName: (String) -> String?
    ) -> HTMLFragment {
        var used: Set<String> = []
        func take(_ name: String) -> String? {
            guard let value = evidence.value(name), !value.isEmpty else { return nil }
            used.insert(name)
            return value
        }
        func words(_ names: [String]) -> String { names.compactMap(take).joined(separator: " ") }

        let sentence: HTMLFragment
        switch evidence.kind {
        case .package, .patched, .uncertain:
            let package = words(["ecosystem", "name", "version"])
            // An alternative an advisory gave names it: "in [2.3.0, 2.31.0) of advisory PYSEC-2023-74".
            let advisory = take("advisory").map { " of advisory \($0)" } ?? ""
            let range = take("range").map { " in \($0)\(advisory)" } ?? advisory
            let bound = [("fixed", "fixed in"), ("lastAffected", "last affected")]
                .compactMap { key, label in take(key).map { "\(label) \($0)" } }.joined(separator: ", ")
            let bounds = bound.isEmpty ? "" : " (\(bound))"
            switch evidence.kind {
            case .patched: sentence = "patched: package \(package)\(bounds)\(range.isEmpty ? "" : ", affected" + range)"
            case .uncertain:
                let scheme = take("scheme").map { " as \($0)" } ?? ""
                sentence = "uncertain: package \(package), version cannot be compared\(scheme)\(range)\(bounds)"
            default: sentence = "package \(package)\(range)\(bounds)"
            }
        case .dependency:
            if let rule = take("rule") {
                sentence = "needed by rule \(ruleLink(rule))"
            } else {
                sentence = "needed by another rule"
            }
        case .os:
            let system = words(["family", "name", "version", "arch"])
            sentence = "operating system \(system.isEmpty ? "matches" : system)"
        case .applicationType:
            let id = take("id") ?? take("applicationType")
            let name = take("name") ?? id.map { applicationTypeName($0) ?? $0 } ?? "?"
            let via = words(["via", "detection"])
            sentence = "application type \(name) detected\(via.isEmpty ? "" : " (" + via + ")")"
        case .port:
            let transport = take("protocol") ?? take("transport")
            let port = take("port") ?? "?"
            sentence = "listens on \(transport.map { $0 + "/" } ?? "")\(port)"
        case .file: sentence = "file \(take("path") ?? take("name") ?? "?")"
        case .service: sentence = "service \(take("name") ?? "?")"
        case .always: sentence = "the rule has no criteria: it applies to every host"
        }
        let rest = evidence.attributes.filter { !used.contains($0.name) }
        guard !rest.isEmpty else { return sentence }
        let extra = rest.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
        return sentence + " <span class=\"detail\">(\(extra))</span>"
    }
}
