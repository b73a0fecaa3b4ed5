/// An installed package that a rule's affected range does not leave out (affected, uncertain or
/// patched), found while matching and made into evidence only for a rule that needs it.
struct SoftwareHit {
    let criterion: SoftwareCriterion
    /// The package's position in the host's `inventory.packages`.
    let position: Int
    let verdict: RangeVerdict
}

/// How a rule's packages stand on a host: affected wins over uncertain, uncertain over patched.
enum SoftwareStanding {
    case affected, uncertain, patched, absent

    /// Takes one more package's verdict into account.
    mutating func add(_ verdict: RangeVerdict) {
        switch verdict {
        case .notAffected: break
        case .affected: self = .affected
        case .uncertain: if self != .affected { self = .uncertain }
        case .patched: if self == .absent { self = .patched }
        }
    }
}

extension Matcher {
    /// Places every installed package a rule lists against its range.
    /// - Parameter hits: emptied, then filled with the packages the ranges do not leave out, in
    ///   the rule's order, then the host's.
    func softwareStanding(
        _ criteria: [SoftwareCriterion], _ facts: HostFacts, hits: inout [SoftwareHit]
    ) -> SoftwareStanding {
        if !hits.isEmpty { hits.removeAll(keepingCapacity: true) }
        var standing = SoftwareStanding.absent
        for criterion in criteria where criterion.holds(on: facts.inventory.os) {
            facts.forEachPackagePosition(criterion.softwareID) { position in
                let verdict = rangeVerdict(criterion, position, facts)
                if case .notAffected = verdict { return }
                standing.add(verdict)
                hits.append(SoftwareHit(criterion: criterion, position: position, verdict: verdict))
            }
        }
        return standing
    }

    /// How the host's packages stand against a rule's criteria, as `softwareStanding` decides it,
    /// without collecting hits.
    func softwareStanding(_ criteria: [SoftwareCriterion], _ facts: HostFacts) -> SoftwareStanding {
        var standing = SoftwareStanding.absent
        for criterion in criteria where criterion.holds(on: facts.inventory.os) {
            facts.forEachPackagePosition(criterion.softwareID) { standing.add(rangeVerdict(criterion, $0, facts)) }
        }
        return standing
    }

    /// How the host's packages of `softwareID` stand against a software-only rule: from its
    /// packed range when it has one and every installed version is valid in its scheme, else from
    /// the rule's criterion, which says why a version is uncertain (both give the same verdicts on
    /// valid versions, and a standing does not depend on the order its verdicts come in).
    func softwareStanding(_ rule: SoftwareOnlyRule, softwareID: SoftwareID, _ facts: HostFacts) -> SoftwareStanding {
        guard let packed = rule.packed else {
            return softwareStanding(index.compiledRule(rule.ordinal).software, facts)
        }
        var standing = SoftwareStanding.absent
        var invalid = false
        index.withPackedBounds { arena in
            facts.forEachPackagePosition(softwareID) { position in
                // Read in place: a copy of the package would retain all its strings.
                let epochUnknown = facts.inventory.packages[position].epochUnknown
                var version = facts.inventory.packages[position].version
                let verdict = version.withUTF8 { packed.verdict(for: $0, epochUnknown: epochUnknown, arena: arena) }
                if let verdict { standing.add(verdict) } else { invalid = true }
            }
        }
        return invalid ? softwareStanding(index.compiledRule(rule.ordinal).software, facts) : standing
    }

    /// Where the installed package at `position` falls in the criterion's range.
    private func rangeVerdict(_ criterion: SoftwareCriterion, _ position: Int, _ facts: HostFacts) -> RangeVerdict {
        // Read in place: a copy of the package would retain all its strings.
        let packages = facts.inventory.packages
        // A version listed without its epoch (rpm -qa's default output) is taken to share each
        // bound's epoch: version and release decide.
        // An advisory naming a source package is placed by the source's version.
        let version =
            criterion.comparesSourceVersion
            ? packages[position].sourceVersion ?? packages[position].version : packages[position].version
        return packages[position].epochUnknown
            ? criterion.rangeWithoutEpochs.verdict(for: version)
            : criterion.range.verdict(for: version)
    }

    /// Appends the evidence of the hits that decided `standing`, in order.
    func appendSoftwareEvidence(
        _ standing: SoftwareStanding, _ hits: [SoftwareHit], _ facts: HostFacts, to evidence: inout [Evidence]
    ) {
        for hit in hits {
            switch (standing, hit.verdict) {
            case (.affected, .affected): evidence.append(Evidence(.package, attributes(hit, facts)))
            case (.uncertain, .uncertain(let reason)):
                evidence.append(Evidence(.uncertain, attributes(hit, facts, reason: reason)))
            case (.patched, .patched): evidence.append(Evidence(.patched, attributes(hit, facts)))
            default: continue
            }
        }
    }

    /// The package, then the range's bounds, then the reason of an uncertain verdict.
    private func attributes(_ hit: SoftwareHit, _ facts: HostFacts, reason: String? = nil) -> [(
        name: String, value: String
    )] {
        let packages = facts.inventory.packages
        var attributes: [(name: String, value: String)] = []
        attributes.reserveCapacity(4 + hit.criterion.boundAttributeCount)
        attributes.append(("ecosystem", packages[hit.position].ecosystem.rawValue))
        attributes.append(("name", packages[hit.position].name))
        attributes.append(("version", hit.criterion.version(of: packages[hit.position])))
        hit.criterion.appendBoundAttributes(to: &attributes)
        if let reason { attributes.append(("reason", reason)) }
        return attributes
    }
}
