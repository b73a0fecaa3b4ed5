/// Where an installed version stands against an affected range.
public enum RangeVerdict: Sendable, Equatable {
    /// Inside the range: the package is vulnerable.
    case affected
    /// Below `introduced`: the vulnerable code is not there yet.
    case notAffected
    /// At or past `fixed`, or past `lastAffected`: the package is patched.
    case patched
    /// The installed version or a bound is not a valid version of the scheme; the reason says which.
    case uncertain(String)
}

extension RangeVerdict {
    /// The rule of an affected range, from the installed version's order against each bound the
    /// range sets: below `introduced` (inclusive) it is not affected; at or past `fixed`
    /// (exclusive), or past `lastAffected` (inclusive), it is patched; otherwise it is affected.
    /// `.notAffected` wins over `.patched` in an inverted range. Every way of placing a version
    /// asks this: the catalog's strings (`explain`), their parsed bounds (`PreparedRange`) and the
    /// packed bytes of matching's fast path (`PackedRange`).
    /// - Parameters:
    ///   - introduced: the lower bound; `nil` for none (see `AffectedRange.lowerBound`).
    ///   - fixed: the first version that is no longer affected, if set.
    ///   - lastAffected: the last affected version, if set.
    ///   - order: the installed version against a bound: negative, zero or positive as it sorts
    ///     before, at or after it. Asked only for the bounds the verdict needs, in that order.
    /// - Throws: what `order` throws, which ends the verdict.
    @inline(__always)
    static func placing<Bound, Failure: Error>(
        introduced: Bound?, fixed: Bound?, lastAffected: Bound?, order: (Bound) throws(Failure) -> Int
    ) throws(Failure) -> RangeVerdict {
        if let introduced, try order(introduced) < 0 { return .notAffected }
        if let fixed, try order(fixed) >= 0 { return .patched }
        if let lastAffected, try order(lastAffected) > 0 { return .patched }
        return .affected
    }

    /// The verdict on an installed version that is not valid in `scheme`.
    static func invalidVersion(_ installed: String, _ scheme: VersionSchemeKind) -> RangeVerdict {
        .uncertain("version '\(installed)' is not a valid \(scheme.rawValue) version")
    }

    /// The verdict on every valid version when the range's bound `name` is not valid in `scheme`.
    static func invalidBound(_ name: String, _ value: String, _ scheme: VersionSchemeKind) -> RangeVerdict {
        .uncertain("\(name) bound '\(value)' is not a valid \(scheme.rawValue) version")
    }
}

/// An affected range with its bounds parsed in the scheme of `V`, placing installed versions as
/// `RangeVerdict.placing` says: an invalid installed version first, then an invalid bound, is
/// uncertain, never patched.
struct ParsedRange<V: SchemeVersion>: Sendable {
    private let scheme: VersionSchemeKind
    private let introduced: V?
    private let fixed: V?
    private let lastAffected: V?
    /// The verdict on every valid version when a bound is not valid: the first such bound, in
    /// the order introduced, fixed, lastAffected.
    private let invalidBound: RangeVerdict?

    /// Parses each bound of `range` once.
    init(_ range: AffectedRange) {
        scheme = range.scheme
        introduced = range.lowerBound.flatMap(V.init(parsing:))
        fixed = range.fixed.flatMap(V.init(parsing:))
        lastAffected = range.lastAffected.flatMap(V.init(parsing:))
        // Written out, not a list of the three: a catalog indexes thousands of ranges, and each
        // list was an allocation.
        if let value = range.lowerBound, introduced == nil {
            invalidBound = .invalidBound("introduced", value, range.scheme)
        } else if let value = range.fixed, fixed == nil {
            invalidBound = .invalidBound("fixed", value, range.scheme)
        } else if let value = range.lastAffected, lastAffected == nil {
            invalidBound = .invalidBound("lastAffected", value, range.scheme)
        } else {
            invalidBound = nil
        }
    }

    /// Where `installed` falls in the range.
    func verdict(for installed: String) -> RangeVerdict {
        guard let version = V(parsing: installed) else { return .invalidVersion(installed, scheme) }
        if let invalidBound { return invalidBound }
        return RangeVerdict.placing(introduced: introduced, fixed: fixed, lastAffected: lastAffected) {
            version.compare(toBound: $0)
        }
    }
}
