/// The binary form of a host's analysis (`HostAnalysis`), in which a run keeps every host between
/// analysis and output: everything after analysis (sorting, changes since the previous run, the
/// fleet audit, every output format) reads these records, never the report files.
///
/// A record is framed so that a damaged or cut scratch file is found, not misread:
///
/// ```
/// version   1 byte   `HostRecordCodec.version`
/// length    4 bytes  the payload's length, little-endian
/// checksum  8 bytes  FNV-1a of the payload, little-endian
/// payload            the host's values (see HostRecordCodec+Values.swift)
/// ```
///
/// Rules are written as their position in the run's catalog when the catalog describes them so
/// (the usual case), which keeps records small and lets the reader share the catalog's strings.
public struct HostRecordCodec: Sendable {
    /// The payload layout's version; a record of another version is refused.
    public static let version: UInt8 = 2
    /// Bytes before the payload.
    static let frameBytes = 13

    let rules: RecordRuleTable

    /// A codec for the records of a run over `catalog`.
    public init(catalog: Catalog) { rules = RecordRuleTable(catalog: catalog) }

    /// The framed record of `analysis`.
    public func encode(_ analysis: HostAnalysis) -> [UInt8] {
        var moved: [UInt8]?
        // Written in the memory of the array returned; a larger record moves once.
        let written = [UInt8](unsafeUninitializedCapacity: 1024 + analysis.report.rules.count * 48) {
            memory, initialized in
            var writer = RecordWriter(writingInto: memory)
            for _ in 0..<Self.frameBytes { writer.byte(0) }
            write(analysis, to: &writer)
            writer.withMutableBytes(Self.frame)
            moved = writer.finish(initialized: &initialized)
        }
        return moved ?? written
    }

    /// `payload` framed, for tests and fuzzing.
    public static func framed(_ payload: [UInt8]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: frameBytes) + payload
        bytes.withUnsafeMutableBufferPointer { frame($0) }
        return bytes
    }

    /// Fills in the frame before the payload in `bytes`.
    private static func frame(_ bytes: UnsafeMutableBufferPointer<UInt8>) {
        let length = bytes.count - Self.frameBytes
        let checksum = Self.checksum(UnsafeBufferPointer(rebasing: bytes[frameBytes...]))
        bytes[0] = version
        for index in 0..<4 { bytes[1 + index] = UInt8(truncatingIfNeeded: UInt32(length) >> (8 * index)) }
        for index in 0..<8 { bytes[5 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(index))) }
    }

    /// The analysis a framed record holds.
    /// - Throws: `RecordError` when the frame or the payload is damaged.
    public func decode(_ bytes: [UInt8]) throws -> HostAnalysis {
        try withPayload(of: bytes) { reader in
            let analysis = try read(from: &reader)
            guard reader.isAtEnd else { throw RecordError.malformed("bytes follow the host") }
            return analysis
        }
    }

    /// Runs `body` with a cursor over the host a framed record holds, read in place.
    /// - Throws: `RecordError` when the frame or the payload is damaged, or what `body` throws.
    func withCursor<Result>(_ bytes: [UInt8], _ body: (inout HostRecordCursor) throws -> Result) throws -> Result {
        try withPayload(of: bytes) { reader in
            var cursor = HostRecordCursor(reader, codec: self)
            return try body(&cursor)
        }
    }

    /// Runs `body` with a reader at the start of a framed record's payload, once the frame is
    /// checked.
    private func withPayload<Result>(of bytes: [UInt8], _ body: (inout RecordReader) throws -> Result) throws
        -> Result
    {
        try bytes.withUnsafeBufferPointer { buffer in
            guard buffer.count >= Self.frameBytes else { throw RecordError.truncated }
            guard buffer[0] == Self.version else {
                throw RecordError.badFrame("version \(buffer[0]) is not \(Self.version)")
            }
            var length = 0
            for index in 0..<4 { length |= Int(buffer[1 + index]) << (8 * index) }
            var checksum: UInt64 = 0
            for index in 0..<8 { checksum |= UInt64(buffer[5 + index]) << (8 * UInt64(index)) }
            guard buffer.count - Self.frameBytes == length else {
                throw RecordError.badFrame(
                    "its length says \(length) bytes, it holds \(buffer.count - Self.frameBytes)")
            }
            let payload = UnsafeBufferPointer(rebasing: buffer[Self.frameBytes...])
            guard Self.checksum(payload) == checksum else { throw RecordError.badFrame("the checksum does not match") }
            var reader = RecordReader(payload)
            return try body(&reader)
        }
    }

    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var digest = FNV1a()
        digest.add(bytes: bytes)
        digest.add(word: UInt64(bytes.count))
        return digest.value
    }
}

/// The catalog's rules by position in its sorted ids: how records name a rule.
struct RecordRuleTable: Sendable {
    /// What a result takes from its catalog rule, by position: the rest of a result is the
    /// host's, so the table keeps only these (a whole `RuleResult` per rule would be 3 times larger).
    private struct CatalogRule: Sendable {
        let id: String
        let name: String
        let module: Module
        let severity: Severity
    }

    private let rules: [CatalogRule]
    /// Each rule's position, by id: the catalog's own `ruleOrder`, shared, since positions are
    /// taken in its sorted ids too.
    private let positions: [String: Int]

    init(catalog: Catalog) {
        var rules: [CatalogRule] = []
        rules.reserveCapacity(catalog.sortedRuleIDs.count)
        for id in catalog.sortedRuleIDs {
            guard let rule = catalog.rules[id] else { continue }
            rules.append(CatalogRule(id: rule.id, name: rule.name, module: rule.module, severity: rule.severity))
        }
        self.rules = rules
        positions =
            rules.count == catalog.sortedRuleIDs.count
            ? catalog.ruleOrder
            : Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of the catalog rule that `rule` names with the same module, name and
    /// severity.
    /// - Parameter hint: the position the analysis found the rule at, which names one catalog
    ///   rule, whose name the result took from it: checked by id, module and severity only.
    /// - Parameter rule: the result, read in place.
    @inline(__always)
    func position(of rule: UnsafePointer<RuleResult>, hint: Int?) -> Int? {
        // Fields are compared in place: copying a result out would retain its strings.
        if let hint, rules.indices.contains(hint), rules[hint].id == rule.pointee.ruleID,
            rules[hint].module == rule.pointee.module, rules[hint].severity == rule.pointee.severity
        {
            return hint
        }
        guard let position = positions[rule.pointee.ruleID], rules.indices.contains(position),
            rules[position].id == rule.pointee.ruleID, rules[position].module == rule.pointee.module,
            rules[position].severity == rule.pointee.severity, rules[position].name == rule.pointee.name
        else { return nil }
        return position
    }

    /// How many rules the catalog has.
    var count: Int { rules.count }

    /// A result for the rule at `position`, its outcome still to be set.
    func result(at position: Int) throws -> RuleResult {
        guard rules.indices.contains(position) else { throw RecordError.malformed("no catalog rule \(position)") }
        let rule = rules[position]
        return RuleResult(
            ruleID: rule.id, module: rule.module, name: rule.name, severity: rule.severity, outcome: .toAssign,
            apply: nil, reason: nil, blocks: false)
    }
}
