/// An advisory's affected entries as software alternatives of a rule, with OSV's semantics:
///
/// - each range's events are sorted in the scheme's order (SEMVER ranges compare as semver,
///   ECOSYSTEM ranges as the ecosystem's scheme), then every `introduced` opens an interval
///   that the next `fixed` (exclusive) or `last_affected` (inclusive) closes: walking the sorted
///   events up to an installed version leaves the range open exactly when the version is in one
///   of these intervals, so each interval is an alternative placed by the one range verdict;
/// - several ranges and several affected entries are alternatives too;
/// - the `versions` list is one more alternative, affected for exactly the versions it lists,
///   so a listed version is affected whatever the ranges say;
/// - a GIT range cannot be placed against a version. The ECOSYSTEM or SEMVER ranges and the
///   `versions` list of the same entry state what it covers (OSV lists a git range's tags in
///   `versions`); an entry with nothing but git ranges is an uncertain alternative;
/// - a version in an event that is not valid in the scheme makes its range uncertain, and so
///   does an entry with neither ranges nor versions.
extension AdvisoryPackage {
    /// The alternatives of this entry of advisory `advisoryID`.
    func alternatives(advisoryID: String) -> [AffectedSoftware] {
        var alternatives: [AffectedSoftware] = []
        func add(
            _ scheme: VersionSchemeKind, _ check: AdvisorySource.Check, _ text: String, _ interval: AffectedRange? = nil
        ) {
            alternatives.append(
                AffectedSoftware(
                    ecosystem: ecosystem, name: name, introduced: interval?.introduced, fixed: interval?.fixed,
                    lastAffected: interval?.lastAffected,
                    advisory: AdvisorySource(
                        advisoryID: advisoryID, osvEcosystem: osvEcosystem, scheme: scheme, check: check,
                        operatingSystem: operatingSystem, rangeText: text,
                        namesSourcePackage: namesSourcePackage)))
        }
        for range in ranges where range.kind != .git {
            let scheme: VersionSchemeKind = range.kind == .semver ? .semver : ecosystem.scheme
            let text = range.text
            switch range.intervals(in: scheme) {
            case .success(let intervals): for interval in intervals { add(scheme, .interval, text, interval) }
            case .failure(let reason): add(scheme, .undecidable(reason.message), text)
            }
        }
        if !versions.isEmpty {
            add(ecosystem.scheme, .listed(versions), "versions list of \(versions.count)")
        }
        if alternatives.isEmpty {
            let git = ranges.filter { $0.kind == .git }
            let reason =
                git.isEmpty
                ? "the advisory lists no affected versions of \(name)"
                : "the advisory gives only git commit ranges for \(name) (\(git.compactMap(\.repository).joined(separator: ", "))), which cannot be placed against an installed version"
            add(ecosystem.scheme, .undecidable(reason), git.first?.text ?? "no ranges")
        }
        return alternatives
    }
}

extension AdvisoryPackage {
    /// Debian's and Ubuntu's advisories name source packages (`openssl`, not `libssl3`).
    var namesSourcePackage: Bool {
        ecosystem == .deb && (osvEcosystem.hasPrefix("Debian") || osvEcosystem.hasPrefix("Ubuntu"))
    }
}

/// Why a range cannot be evaluated.
struct UndecidableRange: Error {
    let message: String
}

extension AdvisoryRange {
    /// The range as written: "ECOSYSTEM introduced 0, fixed 1.1".
    var text: String {
        let events = events.map { event in
            switch event {
            case .introduced(let version): "introduced \(version)"
            case .fixed(let version): "fixed \(version)"
            case .lastAffected(let version): "last_affected \(version)"
            case .limit(let version): "limit \(version)"
            }
        }
        return "\(kind.rawValue) \(events.joined(separator: ", "))"
    }

    /// The intervals the range's events open and close, in `scheme`'s order (see
    /// `AdvisoryPackage.alternatives`); `limit` events bound git ranges and are ignored here.
    func intervals(in scheme: VersionSchemeKind) -> Result<[AffectedRange], UndecidableRange> {
        struct Placed {
            let event: AdvisoryRange.Event
            let version: String
            let position: Int
        }
        var placed: [Placed] = []
        for (position, event) in events.enumerated() {
            switch event {
            case .introduced(let version), .fixed(let version), .lastAffected(let version):
                // "0" is OSV's "from the first version", valid in any scheme.
                guard version == "0" || scheme.isValid(version) else {
                    return .failure(
                        UndecidableRange(
                            message:
                                "the advisory's event version '\(version)' is not a valid \(scheme.rawValue) version"))
                }
                placed.append(Placed(event: event, version: version, position: position))
            case .limit: continue
            }
        }
        placed.sort { lhs, rhs in
            let order = Self.order(lhs.version, rhs.version, scheme)
            return order != 0 ? order < 0 : lhs.position < rhs.position
        }
        var intervals: [AffectedRange] = []
        var openedAt: String?
        for entry in placed {
            switch entry.event {
            case .introduced(let version): if openedAt == nil { openedAt = version }
            case .fixed(let version):
                if let start = openedAt {
                    intervals.append(AffectedRange(scheme: scheme, introduced: start, fixed: version))
                }
                openedAt = nil
            case .lastAffected(let version):
                if let start = openedAt {
                    intervals.append(AffectedRange(scheme: scheme, introduced: start, lastAffected: version))
                }
                openedAt = nil
            case .limit: continue
            }
        }
        if let start = openedAt { intervals.append(AffectedRange(scheme: scheme, introduced: start)) }
        return .success(intervals)
    }

    /// Orders two event versions; "0" sorts first.
    private static func order(_ lhs: String, _ rhs: String, _ scheme: VersionSchemeKind) -> Int {
        switch (lhs == "0", rhs == "0") {
        case (true, true): 0
        case (true, false): -1
        case (false, true): 1
        case (false, false): scheme.compare(lhs, rhs) ?? 0
        }
    }
}
