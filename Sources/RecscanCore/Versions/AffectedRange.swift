/// The versions of a package a rule protects, as a half-open or closed interval in one scheme.
///
/// `introduced` is inclusive and, when absent (or `"0"`, the OSV convention), means "from the
/// lowest version"; `fixed` is exclusive; `lastAffected` is inclusive. With neither upper
/// bound, every version from `introduced` on is affected. Bounds compare with
/// ``VersionSchemeKind/compare(version:toBound:)``, so an rpm bound without a release covers
/// every release of that version.
public struct AffectedRange: Sendable, Equatable, CustomStringConvertible {
    /// The scheme both the bounds and installed versions are written in.
    public var scheme: VersionSchemeKind
    /// The first affected version (inclusive); `nil` means from the lowest.
    public var introduced: String?
    /// The first version that is no longer affected (exclusive).
    public var fixed: String?
    /// The last affected version (inclusive).
    public var lastAffected: String?

    /// Creates a range.
    /// - Parameters:
    ///   - scheme: the version scheme of the package's ecosystem.
    ///   - introduced: the first affected version (inclusive); `nil` or `"0"` means from the lowest.
    ///   - fixed: the first patched version (exclusive upper bound).
    ///   - lastAffected: the last affected version (inclusive upper bound).
    public init(
        scheme: VersionSchemeKind,
        introduced: String? = nil,
        fixed: String? = nil,
        lastAffected: String? = nil
    ) {
        self.scheme = scheme
        self.introduced = introduced
        self.fixed = fixed
        self.lastAffected = lastAffected
    }

    /// Places an installed version against the range.
    ///
    /// Every version involved is validated first: an invalid installed version or bound gives
    /// ``RangeVerdict/uncertain(_:)``, never ``RangeVerdict/patched``.
    /// - Parameter installed: the installed package version.
    /// - Returns: the verdict; `.notAffected` wins over `.patched` in an inverted range.
    public func verdict(for installed: String) -> RangeVerdict {
        PreparedRange.checker(self)(installed)
    }

    /// The range in interval notation: `[1.0.1, 1.0.1g-1)`, `[1.0.1, 2.0]`, `[0, 1.2)`, `[1.0, *)`.
    ///
    /// With both `fixed` and `lastAffected`, the tighter of the two is shown.
    public var description: String {
        let lower = lowerBound ?? "0"
        switch (fixed, lastAffected) {
        case let (fixed?, last?):
            let lastIsTighter = (scheme.compare(last, fixed) ?? 0) < 0
            return lastIsTighter ? "[\(lower), \(last)]" : "[\(lower), \(fixed))"
        case let (fixed?, nil): return "[\(lower), \(fixed))"
        case let (nil, last?): return "[\(lower), \(last)]"
        case (nil, nil): return "[\(lower), *)"
        }
    }

    /// `introduced`, unless it is absent or `"0"` (OSV's "from the beginning").
    var lowerBound: String? {
        introduced == "0" ? nil : introduced
    }
}
