/// The first attribute of an OS constraint that a host's OS does not meet, with the constraint's
/// value (see `OSConstraint.mismatch(for:)`): matching asks only whether there is one, `explain`
/// says which.
enum OSMismatch: Equatable {
    /// The OS family is not this one.
    case family(String)
    /// The distribution is not this one.
    case name(String)
    /// The OS version is neither this version nor one of its minor versions.
    case version(String)
    /// The OS version sorts before this `minVersion`.
    case belowMinimum(String)
    /// The OS version sorts after this `maxVersion`.
    case aboveMaximum(String)
    /// The OS version cannot be compared with this `minVersion` or `maxVersion`.
    case incomparable(String)
}

extension OSConstraint {
    /// Whether every attribute that is set holds for `os` (see `mismatch(for:)`).
    func holds(for os: OperatingSystem) -> Bool { mismatch(for: os) == nil }

    /// The first attribute that does not hold for `os`, in writing order; `nil` when the
    /// constraint holds. `version` is a prefix match on whole components ("12" matches "12" and
    /// "12.7", not "120"); `minVersion` and `maxVersion` are inclusive and compare generically.
    func mismatch(for os: OperatingSystem) -> OSMismatch? {
        if let family, family != os.family { return .family(family) }
        if let name, name != os.name { return .name(name) }
        if let version, os.version != version, !os.version.hasPrefix(version + ".") { return .version(version) }
        if let minVersion {
            guard let order = VersionSchemeKind.generic.compare(os.version, minVersion) else {
                return .incomparable(minVersion)
            }
            if order < 0 { return .belowMinimum(minVersion) }
        }
        if let maxVersion {
            guard let order = VersionSchemeKind.generic.compare(os.version, maxVersion) else {
                return .incomparable(maxVersion)
            }
            if order > 0 { return .aboveMaximum(maxVersion) }
        }
        return nil
    }
}
