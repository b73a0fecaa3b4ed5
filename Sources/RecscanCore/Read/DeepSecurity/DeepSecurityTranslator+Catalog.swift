extension DeepSecurityTranslator {
    /// The catalog with the manager's metadata where the export lists the rule: the manager is
    /// what runs, so its name, severity, detect-only flag, CVEs, dependencies and catalog-wide
    /// exclusion win. Applicability (OS, software, ports, automatic application) stays the
    /// catalog's. Manager rules the catalog lacks cannot be evaluated; they are counted.
    mutating func amendedCatalog() -> Catalog {
        var rules = catalog.rules
        var missing: [String] = []
        for key in export.rules.keys.sorted() {
            guard let entry = export.rules[key] else { continue }
            guard var rule = rules[entry.identifier] else {
                missing.append(entry.identifier)
                continue
            }
            if let name = entry.name?.trimmingWhitespace, !name.isEmpty { rule.name = name }
            if let severity = entry.severity { rule.severity = severity }
            if let detectOnly = entry.detectOnly { rule.detectOnly = detectOnly }
            if let cves = entry.cves { rule.cves = cves }
            if let dependsOn = entry.dependsOn {
                rule.dependsOn = dependsOn.map { identifier($0, module: key.module) }
            }
            switch entry.recommendationsMode {
            case "ignored": rule.excludedInCatalog = true
            case "enabled": rule.excludedInCatalog = false
            default: break
            }
            rules[entry.identifier] = rule
        }
        if !missing.isEmpty {
            let sorted = RuleID.sorted(missing)
            let shown = sorted.prefix(10).joined(separator: ", ")
            notices.append(
                "\(sorted.count) rule\(sorted.count == 1 ? "" : "s") of the manager \(sorted.count == 1 ? "is" : "are") "
                    + "not in the catalog and cannot be evaluated: \(shown)\(sorted.count > 10 ? ", ..." : "")")
        }
        return Catalog(version: catalog.version, applicationTypes: catalog.applicationTypes, rules: rules)
    }

    /// Other names the computers answer to: the display name, and the first DNS label of the host
    /// and display names, each only when it names one computer and is no computer's own key;
    /// and the names several computers answer to, which pair a host with none of them.
    func computerNames(_ fleet: Fleet) -> (aliases: [String: String], ambiguous: [String: [String]]) {
        var candidates: [String: Set<String>] = [:]
        for level in export.computers {
            let key = level.name.lowercased()
            guard fleet.computers[key] != nil else { continue }
            for name in [level.name, level.displayName].compactMap({ $0?.lowercased() }) {
                if name != key { candidates[name, default: []].insert(key) }
                if let dot = name.firstIndex(of: "."), dot != name.startIndex {
                    candidates[String(name[..<dot]), default: []].insert(key)
                }
            }
        }
        var aliases: [String: String] = [:]
        var ambiguous: [String: [String]] = [:]
        for (alias, keys) in candidates where fleet.computers[alias] == nil {
            if keys.count == 1 { aliases[alias] = keys.first } else { ambiguous[alias] = keys.sorted() }
        }
        return (aliases, ambiguous)
    }

    /// Cycles in the policy tree, one problem per policy on a cycle.
    static func treeProblems(_ fleet: Fleet, file: String) -> [InputError] {
        var problems: [InputError] = []
        for start in fleet.policies.keys.sorted() {
            var path = [start]
            var current = fleet.policies[start]?.parentID
            while let id = current {
                if id == start {
                    problems.append(
                        InputError(
                            file: file, line: fleet.policies[start]?.line,
                            message: "policy tree has a cycle: \((path + [start]).joined(separator: " → "))"))
                    break
                }
                if path.contains(id) { break }
                path.append(id)
                current = fleet.policies[id]?.parentID
            }
        }
        return problems
    }
}
