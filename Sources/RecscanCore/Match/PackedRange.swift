/// A deb or rpm range of a software-only rule whose bounds are held as bytes in an arena the
/// index keeps (`CatalogIndex.packedBounds`), laid out in the order matching reads the rules:
/// checking a host's package against its rules then reads the flat list and a few arena bytes,
/// where the criterion object, its checker closure and each parsed bound were one allocation
/// apiece, each a likely cache miss. The installed version is laid out in place, not copied.
///
/// Places a version by `RangeVerdict.placing`, as the criterion's `PreparedRange` does, only
/// with the bytes compared in place; `nil` when the installed version is not valid in the
/// scheme (the criterion's own checker then says why).
struct PackedRange: Sendable {
    private enum Scheme: UInt8, Sendable { case deb, rpm }

    /// Where a range's three bounds are in the arena; a count of 0 is an absent bound.
    private struct Bounds: Sendable {
        var start: Int32 = 0
        var introduced: UInt8 = 0
        var fixed: UInt8 = 0
        var lastAffected: UInt8 = 0
    }

    private let scheme: Scheme
    private let bounds: Bounds
    /// The bounds used for a version listed without its epoch (`SoftwareCriterion.rangeWithoutEpochs`).
    private let boundsWithoutEpochs: Bounds

    /// Packs the criterion's ranges into `arena`; `nil` when they are not deb or rpm ranges with
    /// valid bounds of at most 255 bytes, which keep the criterion's checker.
    init?(_ criterion: SoftwareCriterion, arena: inout [UInt8]) {
        switch criterion.range.range.scheme {
        case .deb: scheme = .deb
        case .rpm: scheme = .rpm
        default: return nil
        }
        let mark = arena.count
        guard let bounds = Self.pack(criterion.range.range, scheme, into: &arena),
            let withoutEpochs = criterion.rangeWithoutEpochs.range == criterion.range.range
                ? bounds : Self.pack(criterion.rangeWithoutEpochs.range, scheme, into: &arena)
        else {
            arena.removeSubrange(mark...)
            return nil
        }
        self.bounds = bounds
        boundsWithoutEpochs = withoutEpochs
    }

    private static func pack(_ range: AffectedRange, _ scheme: Scheme, into arena: inout [UInt8]) -> Bounds? {
        guard arena.count < Int(Int32.max) - 3 * 255 else { return nil }
        var bounds = Bounds(start: Int32(arena.count))
        guard append(range.lowerBound, scheme, to: &arena, count: &bounds.introduced),
            append(range.fixed, scheme, to: &arena, count: &bounds.fixed),
            append(range.lastAffected, scheme, to: &arena, count: &bounds.lastAffected)
        else { return nil }
        return bounds
    }

    /// Appends a valid bound's bytes and sets `count`; false when it is not valid or too long.
    private static func append(_ bound: String?, _ scheme: Scheme, to arena: inout [UInt8], count: inout UInt8) -> Bool
    {
        guard var bound else { return true }
        return bound.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes.count <= 255, isValid(bytes, scheme) else { return false }
            arena.append(contentsOf: bytes)
            count = UInt8(bytes.count)
            return true
        }
    }

    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, _ scheme: Scheme) -> Bool {
        switch scheme {
        case .deb: DebianVersion.Layout(bytes) != nil
        case .rpm: RPMVersion.Layout(bytes) != nil
        }
    }

    /// Where `installed` falls in the range; `nil` when it is not a valid version of the scheme.
    /// - Parameter epochUnknown: the version was listed without its epoch (`rpm -qa`).
    func verdict(
        for installed: UnsafeBufferPointer<UInt8>, epochUnknown: Bool, arena: UnsafeBufferPointer<UInt8>
    ) -> RangeVerdict? {
        let bounds = epochUnknown ? boundsWithoutEpochs : bounds
        var next = Int(bounds.start)
        func bound(_ count: UInt8) -> UnsafeBufferPointer<UInt8>? {
            guard count > 0 else { return nil }
            defer { next += Int(count) }
            return UnsafeBufferPointer(rebasing: arena[next..<(next + Int(count))])
        }
        let introduced = bound(bounds.introduced)
        let fixed = bound(bounds.fixed)
        let lastAffected = bound(bounds.lastAffected)
        // The bounds were valid when packed: a bound that no longer lays out is not ordered.
        switch scheme {
        case .deb:
            guard let version = DebianVersion.Layout(installed) else { return nil }
            return try? RangeVerdict.placing(introduced: introduced, fixed: fixed, lastAffected: lastAffected) {
                (bound) throws(UnreadableBound) in
                guard let laidOut = DebianVersion.Layout(bound) else { throw UnreadableBound() }
                return version.compare(installed, to: bound, laidOut: laidOut)
            }
        case .rpm:
            guard let version = RPMVersion.Layout(installed) else { return nil }
            return try? RangeVerdict.placing(introduced: introduced, fixed: fixed, lastAffected: lastAffected) {
                (bound) throws(UnreadableBound) in
                guard let laidOut = RPMVersion.Layout(bound) else { throw UnreadableBound() }
                return version.compare(installed, toBound: bound, laidOut: laidOut)
            }
        }
    }

    /// A packed bound whose bytes are not a version of the scheme.
    private struct UnreadableBound: Error {}
}
