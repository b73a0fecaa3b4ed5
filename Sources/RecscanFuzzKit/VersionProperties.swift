import RecscanCore

/// Properties every version order must have, for any strings: a valid version equals itself,
/// the order is antisymmetric and transitive, validity and comparability agree, and ranges and
/// bounds never fail on any input.
public enum VersionProperties {
    /// Checks the payload: its first byte picks the scheme, the rest is up to three versions
    /// separated by line feeds.
    /// - Returns: the violated properties, empty when all hold.
    public static func check(_ payload: [UInt8]) -> [String] {
        guard let first = payload.first else { return [] }
        let schemes = VersionSchemeKind.allCases
        let scheme = schemes[Int(first) % schemes.count]
        let versions = payload.dropFirst().split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        return check(scheme, versions)
    }

    /// Checks the properties of `scheme` over `versions` (every pair and triple).
    public static func check(_ scheme: VersionSchemeKind, _ versions: [String]) -> [String] {
        var problems: [String] = []
        func order(_ a: String, _ b: String) -> Int? { scheme.compare(a, b) }
        for a in versions {
            let valid = scheme.isValid(a)
            let reflexive = order(a, a)
            if valid != (reflexive != nil) {
                problems.append("\(scheme) isValid(\(a.debugDescription)) disagrees with compare")
            }
            if let reflexive, reflexive != 0 { problems.append("\(scheme) \(a.debugDescription) != itself") }
            for b in versions {
                _ = scheme.compare(version: a, toBound: b)
                _ = AffectedRange(scheme: scheme, introduced: b, fixed: a).verdict(for: b)
                _ = AffectedRange(scheme: scheme, introduced: a, lastAffected: b).verdict(for: a)
                guard let ab = order(a, b), let ba = order(b, a) else { continue }
                if ab != -ba {
                    problems.append("\(scheme) not antisymmetric: \(a.debugDescription) vs \(b.debugDescription)")
                }
                for c in versions {
                    guard let bc = order(b, c), let ac = order(a, c) else { continue }
                    if ab <= 0, bc <= 0, ac > 0 {
                        problems.append(
                            "\(scheme) not transitive: \(a.debugDescription) <= \(b.debugDescription) <= \(c.debugDescription)"
                        )
                    }
                    if ab == 0, bc == 0, ac != 0 {
                        problems.append(
                            "\(scheme) equality not transitive: \(a.debugDescription), \(b.debugDescription), \(c.debugDescription)"
                        )
                    }
                }
            }
        }
        return problems
    }
}
