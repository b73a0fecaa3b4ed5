/// Why a rule is recommended for a host (before exclusions and dependencies).
public struct RuleMatch: Sendable, Equatable {
    /// False when a version could not be parsed: recommended, but never automatically.
    public var certain: Bool
    /// Facts that made the rule match, e.g. the affected package or the detected application type.
    public var evidence: [Evidence]
}

/// The result of matching one rule against one host.
public enum MatchVerdict: Sendable, Equatable {
    case recommended(RuleMatch)
    /// The package is installed at a fixed version; evidence names it.
    case patched([Evidence])
    case notRecommended
}

/// What matching found on one host, by rule ordinal (position in the index), in rule order.
struct HostMatches {
    /// Rules recommended directly, before exclusions and dependencies.
    var recommended: [(ordinal: Int, match: RuleMatch)] = []
    /// Rules the host does not get because the package is patched, with the patched packages.
    var patched: [Int: [Evidence]] = [:]

}

/// Matches hosts against the catalog through its index.
public struct Matcher: Sendable {
    /// The lookup tables over the catalog that hosts are matched against.
    public let index: CatalogIndex

    /// Creates a matcher over an indexed catalog.
    public init(index: CatalogIndex) { self.index = index }

    /// Every rule directly recommended for the host, and the rules it does not get because it is patched.
    public func match(_ inventory: HostInventory) -> (recommended: [String: RuleMatch], patched: [String: [Evidence]]) {
        let matches = matchByOrdinal(inventory)
        let rules = index.rulesByOrdinal
        return (
            Dictionary(uniqueKeysWithValues: matches.recommended.map { (rules[$0.ordinal].rule.id, $0.match) }),
            Dictionary(uniqueKeysWithValues: matches.patched.map { (rules[$0.key].rule.id, $0.value) })
        )
    }

    /// What `match` finds, by rule ordinal: no rule id is hashed on the way.
    func matchByOrdinal(_ inventory: HostInventory) -> HostMatches {
        let facts = HostFacts(inventory, index: index)
        let detected = facts.detectedApplicationTypes(index)
        var matches = HostMatches()
        for ordinal in candidates(facts, detected: detected) {
            switch verdict(index.rulesByOrdinal[ordinal], facts, detected: detected) {
            case .recommended(let match): matches.recommended.append((ordinal, match))
            case .patched(let evidence): matches.patched[ordinal] = evidence
            case .notRecommended: break
            }
        }
        return matches
    }

    /// The only rules that can possibly match, in rule order: found through the host's packages,
    /// sockets, files, services and detected application types, plus the unconditional ones.
    func candidates(_ facts: HostFacts, detected: [String?]) -> [Int] {
        // One bit per rule: marking costs less than set unions, and the bits read back in order.
        var marked = [UInt64](repeating: 0, count: (index.rulesByOrdinal.count + 63) / 64)
        func mark(_ ordinals: [Int]?) {
            for ordinal in ordinals ?? [] { marked[ordinal >> 6] |= 1 << UInt64(ordinal & 63) }
        }
        mark(index.unconditionalRules)
        for id in facts.softwareIDs { mark(index.rulesBySoftware[id]) }
        for (type, detector) in detected.enumerated() where detector != nil { mark(index.rulesByApplicationType[type]) }
        for port in facts.listening { mark(index.rulesByPort[port]) }
        for file in facts.files { mark(index.rulesByFile[file]) }
        for service in facts.services { mark(index.rulesByService[service]) }
        var ordinals: [Int] = []
        for (position, word) in marked.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                ordinals.append(position << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return ordinals
    }

    /// Checks every criterion of `rule` against the host, as the SPEC's "Matching" lists them.
    func verdict(_ compiled: CompiledRule, _ facts: HostFacts, detected: [String?]) -> MatchVerdict {
        guard !compiled.rule.custom else { return .notRecommended }
        var evidence: [Evidence] = []
        var certain = true
        if !compiled.operatingSystems.isEmpty {
            guard let os = facts.inventory.os, compiled.operatingSystems.contains(where: { $0.holds(for: os) }) else {
                return .notRecommended
            }
            evidence.append(Evidence(.os, [("family", os.family), ("name", os.name), ("version", os.version)]))
        }
        if let type = compiled.applicationType {
            guard let detectedBy = detected[type] else { return .notRecommended }
            evidence.append(
                Evidence(.applicationType, [("id", index.applicationTypeIDs[type]), ("detectedBy", detectedBy)]))
        }
        if !compiled.software.isEmpty {
            switch softwareVerdict(compiled.software, facts) {
            case .affected(let found): evidence += found
            case .uncertain(let found):
                evidence += found
                certain = false
            case .patched(let found): return .patched(found)
            case .absent: return .notRecommended
            }
        }
        if !compiled.ports.isEmpty || !compiled.files.isEmpty || !compiled.services.isEmpty {
            guard let present = presence(compiled, facts) else { return .notRecommended }
            evidence.append(present)
        }
        if evidence.isEmpty { evidence.append(Evidence(.always, [])) }
        return .recommended(RuleMatch(certain: certain, evidence: evidence))
    }

    private enum SoftwareVerdict {
        case affected([Evidence])
        case uncertain([Evidence])
        case patched([Evidence])
        case absent
    }

    private func softwareVerdict(
        _ entries: [SoftwareCriterion], _ facts: HostFacts
    ) -> SoftwareVerdict {
        var affected: [Evidence] = []
        var uncertain: [Evidence] = []
        var patched: [Evidence] = []
        for entry in entries {
            for package in facts.packages(entry.softwareID) {
                // A version listed without its epoch (rpm -qa's default output) is taken to
                // share each bound's epoch: version and release decide.
                let verdict =
                    package.epochUnknown
                    ? entry.rangeWithoutEpochs.verdict(for: package.version) : entry.range.verdict(for: package.version)
                if case .notAffected = verdict { continue }
                var attributes: [(name: String, value: String)] = [
                    ("ecosystem", package.ecosystem.rawValue), ("name", package.name), ("version", package.version),
                ]
                attributes += entry.boundAttributes
                switch verdict {
                case .affected: affected.append(Evidence(.package, attributes))
                case .uncertain(let reason):
                    attributes.append(("reason", reason))
                    uncertain.append(Evidence(.uncertain, attributes))
                case .patched: patched.append(Evidence(.patched, attributes))
                case .notAffected: break
                }
            }
        }
        if !affected.isEmpty { return .affected(affected) }
        if !uncertain.isEmpty { return .uncertain(uncertain) }
        if !patched.isEmpty { return .patched(patched) }
        return .absent
    }

    private func presence(_ compiled: CompiledRule, _ facts: HostFacts) -> Evidence? {
        if let port = compiled.ports.first(where: facts.listening.contains) {
            return Evidence(.port, [("protocol", port.transport), ("port", String(port.port))])
        }
        if let file = compiled.files.first(where: facts.files.contains) {
            return Evidence(.file, [("path", file)])
        }
        if let service = compiled.services.first(where: { facts.services.contains($0.lowercased) }) {
            return Evidence(.service, [("name", service.name)])
        }
        return nil
    }
}

extension OSConstraint {
    /// Every attribute that is set holds for `os`; `version` is a prefix match on whole
    /// components ("12" matches "12" and "12.7", not "120"), min/max compare generically.
    func holds(for os: OperatingSystem) -> Bool {
        if let family, family != os.family { return false }
        if let name, name != os.name { return false }
        if let version, os.version != version, !os.version.hasPrefix(version + ".") { return false }
        if let minVersion {
            guard let order = VersionSchemeKind.generic.compare(os.version, minVersion), order >= 0 else {
                return false
            }
        }
        if let maxVersion {
            guard let order = VersionSchemeKind.generic.compare(os.version, maxVersion), order <= 0 else {
                return false
            }
        }
        return true
    }
}
