/// Evaluates every applicability criterion of one rule on one host, every alternative of each,
/// without stopping at the first failure: what `explain` shows.
///
/// The scan itself uses ``Matcher``, which stops at the first failing criterion and records only
/// the evidence that made a rule match; this type is its long form and must agree with it
/// (a test checks both on every sample host and rule). Its checks reuse the same pieces:
/// ``AffectedRange``, ``OSConstraint`` semantics and the host's detected application types.
struct CriteriaEvaluator {
    let catalog: Catalog
    let facts: HostFacts
    let index: CatalogIndex

    /// Evaluates rules of the catalog behind `index` on the host of `inventory`.
    init(_ inventory: HostInventory, index: CatalogIndex) {
        catalog = index.catalog
        facts = HostFacts(inventory, index: index)
        self.index = index
    }

    /// The criteria in the SPEC's order; `none` when the rule has no criteria at all.
    func evaluate(_ rule: Rule) -> [CriterionCheck] {
        var checks: [CriterionCheck] = []
        if rule.custom {
            checks.append(
                CriterionCheck(
                    kind: .custom, state: .failed,
                    text: "Rule \(rule.id) is a custom rule; custom rules are never recommended.", facts: []))
        }
        let applies = rule.applies
        if !applies.operatingSystems.isEmpty { checks.append(operatingSystem(applies.operatingSystems)) }
        if let type = rule.applicationTypeID { checks.append(applicationType(type)) }
        if !applies.software.isEmpty { checks.append(software(applies.software)) }
        if applies.hasPresenceAlternatives { checks.append(presence(applies)) }
        if checks.isEmpty {
            checks.append(
                CriterionCheck(
                    kind: .none, state: .met, text: "The rule has no criteria: it applies to every host.", facts: []))
        }
        return checks
    }

    /// What the scan's matcher concludes, derived from the checks in the matcher's own order:
    /// the first criterion that fails decides, and patched software counts only when the OS and
    /// the application type hold.
    static func verdict(_ checks: [CriterionCheck]) -> (recommended: Bool, certain: Bool, patched: Bool) {
        for check in checks where !check.holds {
            return (false, true, check.state == .patched)
        }
        return (true, !checks.contains { $0.state == .uncertain }, false)
    }

    // MARK: - Operating system

    private func operatingSystem(_ constraints: [OSConstraint]) -> CriterionCheck {
        guard let os = facts.inventory.os else {
            return CriterionCheck(
                kind: .os, state: .failed,
                text: "Operating system: the rule needs \(constraints.map(\.phrase).joined(separator: " or ")); "
                    + "the inventory does not say which OS the host runs.",
                facts: constraints.map { CriterionFact(met: false, $0.attributes, text: "\($0.phrase): OS unknown") })
        }
        let host = "\(os.family) \(os.name) \(os.version)"
        let checked = constraints.map { constraint -> CriterionFact in
            let mismatch = constraint.mismatchWords(for: os)
            return CriterionFact(
                met: mismatch == nil, constraint.attributes,
                text: "\(constraint.phrase): " + (mismatch.map { "no, \($0)" } ?? "yes"))
        }
        let met = checked.contains(where: \.met)
        return CriterionCheck(
            kind: .os, state: met ? .met : .failed,
            text: "Operating system: the host runs \(host); "
                + (met
                    ? "it satisfies \(constraints.count == 1 ? "the constraint" : "one of the constraints")."
                    : "the rule needs \(constraints.map(\.phrase).joined(separator: " or "))."),
            facts: checked)
    }

    // MARK: - Application type

    private func applicationType(_ id: String) -> CriterionCheck {
        let type = catalog.applicationTypes[id]
        let name = type.map { "\($0.name) (\(id))" } ?? id
        let checked = (type?.detections ?? []).map { detection -> CriterionFact in
            switch detection {
            case .listen(let transport, let port):
                let met = facts.listening.contains(ListeningPort(transport: transport, port: port))
                return CriterionFact(
                    met: met, [("detect", "listen"), ("protocol", transport), ("port", String(port))],
                    text: "listens on \(transport)/\(port): \(met ? "yes" : "no")")
            case .software(let ecosystem, let packageName):
                let installed = facts.packages(SoftwareKey(ecosystem, packageName), index: index).first
                return CriterionFact(
                    met: installed != nil,
                    [("detect", "software"), ("ecosystem", ecosystem.rawValue), ("name", packageName)]
                        + (installed.map { [("installed", $0.version)] } ?? []),
                    text: "\(ecosystem.rawValue) \(packageName) installed: "
                        + (installed.map { "yes (\($0.version))" } ?? "no"))
            }
        }
        let met = checked.contains(where: \.met)
        let via = checked.first(where: \.met).map { " (\($0.text))" } ?? ""
        return CriterionCheck(
            kind: .applicationType, state: met ? .met : .failed,
            text: met
                ? "Application type \(name) is detected on the host\(via)."
                : "Application type \(name) is not detected: none of its \(checked.count) detections is on the host.",
            facts: checked)
    }

    // MARK: - Software

    private func software(_ entries: [AffectedSoftware]) -> CriterionCheck {
        var checked: [CriterionFact] = []
        var states: [CriterionCheck.State] = []
        for entry in entries {
            let range = entry.range
            let prepared = entry.preparedRange
            var base: [(name: String, value: String)] = [("ecosystem", entry.ecosystem.rawValue), ("name", entry.name)]
            if let advisory = entry.advisory {
                base += [("advisory", advisory.advisoryID), ("osvEcosystem", advisory.osvEcosystem)]
                base.append(("osvRange", advisory.rangeText))
            }
            base += [("introduced", entry.introduced), ("fixed", entry.fixed), ("lastAffected", entry.lastAffected)]
                .compactMap { name, value in value.map { (name, $0) } }
            base += [("range", prepared.description), ("scheme", range.scheme.rawValue)]
            let source = entry.advisory.map { "\($0.advisoryID) (\($0.osvEcosystem), \($0.rangeText)): " } ?? ""
            let label = "\(source)\(entry.ecosystem.rawValue) \(entry.name) \(prepared.description)"
            let packages = facts.packages(entry.key, index: index)
            let bySource = entry.advisory?.namesSourcePackage == true
            if packages.isEmpty {
                let what = bySource ? "no package built from this source is installed" : "not installed"
                checked.append(CriterionFact(met: false, base, text: "\(label): \(what)"))
                continue
            }
            if let os = entry.advisory?.operatingSystem, !(facts.inventory.os.map(os.holds(for:)) ?? false) {
                checked.append(
                    CriterionFact(met: false, base, text: "\(label): only for \(os.phrase); the host runs another OS"))
                continue
            }
            for package in packages {
                let version = bySource ? package.sourceVersion ?? package.version : package.version
                let (state, words) =
                    entry.advisory == nil || entry.advisory?.check == .interval
                    ? Self.compare(version, in: range) : Self.place(version, by: prepared)
                if let state { states.append(state) }
                let verdict = state.map { $0 == .met ? "affected" : $0.rawValue } ?? "not-affected"
                checked.append(
                    CriterionFact(
                        met: state == .met || state == .uncertain,
                        base + [("installed", version), ("verdict", verdict)],
                        text: "\(source)\(entry.ecosystem.rawValue) \(package.name)"
                            + (bySource ? " (source \(entry.name))" : "") + " \(version) \(words)"))
            }
        }
        let state: CriterionCheck.State =
            states.contains(.met)
            ? .met : states.contains(.uncertain) ? .uncertain : states.contains(.patched) ? .patched : .failed
        let text: String
        switch state {
        case .met: text = "Software: an affected version is installed."
        case .uncertain: text = "Software: an installed version cannot be compared; recommended, never automatically."
        case .patched: text = "Software: the listed software is installed at a fixed version: the host is patched."
        case .failed: text = "Software: none of the listed packages is installed in an affected version."
        }
        return CriterionCheck(kind: .software, state: state, text: text, facts: checked)
    }

    /// The installed version against the range: the state it gives (`nil`: below `introduced`,
    /// not affected) and the comparison in words, naming the comparator.
    static func compare(_ version: String, in range: AffectedRange) -> (CriterionCheck.State?, String) {
        let by = "compared as \(range.scheme.comparatorName)"
        let rpmNote =
            range.scheme == .rpm
                && [range.introduced, range.fixed, range.lastAffected].contains { bound in
                    bound.map { !$0.contains("-") && $0 != "0" } ?? false
                } ? "; an rpm bound without a release compares epoch and version only" : ""
        switch range.verdict(for: version) {
        case .affected: return (.met, "is inside \(range) (\(by)\(rpmNote)): affected")
        case .notAffected:
            return (nil, "is below introduced \(range.introduced ?? "?") (\(by)\(rpmNote)): not affected")
        case .patched:
            let bound =
                range.fixed.map { "at or past fixed \($0)" } ?? "past last affected \(range.lastAffected ?? "?")"
            return (.patched, "is \(bound) (\(by)\(rpmNote)): patched")
        case .uncertain(let reason): return (.uncertain, "cannot be compared: \(reason): uncertain")
        }
    }

    /// An installed version placed by an advisory's listed versions or an undecidable range.
    static func place(_ version: String, by range: PreparedRange) -> (CriterionCheck.State?, String) {
        switch range.verdict(for: version) {
        case .affected: return (.met, "is one of the versions the advisory lists (\(range.description)): affected")
        case .uncertain(let reason): return (.uncertain, "cannot be placed: \(reason): uncertain")
        case .notAffected, .patched:
            return (
                nil, "is not one of the versions the advisory lists (\(range.description)): not affected by the list"
            )
        }
    }

    // MARK: - Ports, files, services

    private func presence(_ applies: Applicability) -> CriterionCheck {
        var checked: [CriterionFact] = []
        for port in applies.ports {
            let met = facts.listening.contains(port)
            checked.append(
                CriterionFact(
                    met: met, [("kind", "port"), ("protocol", port.transport), ("port", String(port.port))],
                    text: "listens on \(port.transport)/\(port.port): \(met ? "yes" : "no")"))
        }
        for file in applies.files {
            let met = facts.files.contains(file)
            checked.append(
                CriterionFact(
                    met: met, [("kind", "file"), ("path", file)], text: "file \(file): \(met ? "yes" : "no")"))
        }
        for service in applies.services {
            let met = facts.services.contains(service.lowercased())
            checked.append(
                CriterionFact(
                    met: met, [("kind", "service"), ("name", service)],
                    text: "service \(service): \(met ? "yes" : "no")"))
        }
        let met = checked.contains(where: \.met)
        let first = checked.first(where: \.met).map { " (\($0.text))" } ?? ""
        return CriterionCheck(
            kind: .presence, state: met ? .met : .failed,
            text: met
                ? "Ports, files and services: the host has one of them\(first)."
                : "Ports, files and services: the host has none of those the rule lists (\(checked.count)).",
            facts: checked)
    }
}

extension OSConstraint {
    /// The constraint's attributes in writing order.
    var attributes: [(name: String, value: String)] {
        [
            ("family", family), ("name", name), ("version", version), ("minVersion", minVersion),
            ("maxVersion", maxVersion),
        ]
        .compactMap { key, value in value.map { (key, $0) } }
    }

    /// "linux debian 12", "windows ≥ 10.0 ≤ 10.0.20348", "any OS".
    var phrase: String {
        var words = [family, name, version].compactMap { $0 }
        if let minVersion { words.append(">= \(minVersion)") }
        if let maxVersion { words.append("<= \(maxVersion)") }
        return words.isEmpty ? "any OS" : words.joined(separator: " ")
    }

    /// Why the constraint does not hold for `os`, in words; `nil` when it holds: the words of
    /// ``mismatch(for:)``, the check matching makes.
    func mismatchWords(for os: OperatingSystem) -> String? {
        switch mismatch(for: os) {
        case nil: nil
        case .family(let family)?: "the family is \(os.family), not \(family)"
        case .name(let name)?: "the distribution is \(os.name), not \(name)"
        case .version(let version)?: "version \(os.version) is not \(version) or \(version).x"
        case .belowMinimum(let bound)?: "version \(os.version) is below \(bound)"
        case .aboveMaximum(let bound)?: "version \(os.version) is above \(bound)"
        case .incomparable(let bound)?: "version \(os.version) cannot be compared with \(bound)"
        }
    }
}

extension VersionSchemeKind {
    /// The comparator in words, e.g. "deb (dpkg)".
    public var comparatorName: String {
        switch self {
        case .deb: "deb (dpkg --compare-versions)"
        case .rpm: "rpm (rpmvercmp)"
        case .semver: "SemVer 2.0.0"
        case .pep440: "PEP 440"
        case .maven: "Maven ComparableVersion"
        case .generic: "generic dotted versions"
        }
    }
}
