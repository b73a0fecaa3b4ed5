/// A rule's evidence in a record. Many rules of a host share one evidence list (its OS, a
/// detected application type, no criterion: see `HostFacts`), one array they all point to; a
/// record writes such a list once and then refers back to it, and reading gives the rules one
/// shared array again, so that what renders evidence can still tell shared lists by address.
///
/// ```
/// 0          no evidence
/// 2n + 1     n pieces of evidence follow (kind, attribute count, name and value each)
/// 2k + 2     the same list as the k-th shared list of this host
/// ```
extension HostRecordCodec {
    func write(
        _ evidence: borrowing [Evidence], shared: inout SharedEvidenceLists<UnsafeRawPointer>,
        to writer: inout RecordWriter
    ) {
        let sharable = SharedEvidenceLists<UnsafeRawPointer>.isSharable(evidence)
        let address = sharable ? evidence.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) } : nil
        if let address, let index = shared.lists.firstIndex(of: address) {
            writer.count(2 * index + 2)
            return
        }
        writer.count(evidence.isEmpty ? 0 : 2 * evidence.count + 1)
        // By position, so that no piece or attribute is copied out (a retain per string).
        for index in evidence.indices {
            writer.code(evidence[index].kind)
            writer.count(evidence[index].attributes.count)
            for attribute in evidence[index].attributes.indices {
                writer.string(evidence[index].attributes[attribute].name)
                writer.string(evidence[index].attributes[attribute].value)
            }
        }
        if let address { shared.keep(address) }
    }

    /// Reads a rule's evidence in place; `sharedLists` counts the lists kept for reference.
    func readRecordedEvidence(from reader: inout RecordReader, sharedLists: inout Int) throws -> RecordedEvidence {
        let tag = try reader.unsigned()
        guard tag > 0 else { return .none }
        guard tag & 1 == 1 else {
            let index = (tag - 2) / 2
            guard index < UInt64(sharedLists) else { throw RecordError.malformed("no shared evidence \(index)") }
            return .shared(Int(index))
        }
        let count = try reader.bounded((tag - 1) / 2, minimumBytes: 2)
        let start = reader.position
        var sharable = false
        for _ in 0..<count {
            let kind = try Self.skipEvidencePiece(from: &reader)
            sharable = count == 1 && SharedEvidenceLists<Int>.isSharable(kind)
        }
        let kept = sharable && sharedLists < SharedEvidenceLists<Int>.capacity
        if kept { sharedLists += 1 }
        return .pieces(count: count, bytes: start..<reader.position, kept: kept)
    }

    /// The evidence that `recorded` stands for; lists that later rules may refer back to are
    /// kept in `shared`, and a reference to one gives that same array.
    func readEvidence(
        _ recorded: RecordedEvidence, in reader: RecordReader, shared: inout SharedEvidenceLists<[Evidence]>
    ) throws -> [Evidence] {
        switch recorded {
        case .none:
            return []
        case .shared(let index):
            guard index < shared.lists.count else { throw RecordError.malformed("no shared evidence \(index)") }
            return shared.lists[index]
        case .pieces(let count, let bytes, let kept):
            var pieces = reader.reader(for: bytes)
            var evidence: [Evidence] = []
            evidence.reserveCapacity(count)
            for _ in 0..<count { evidence.append(try readEvidencePiece(from: &pieces)) }
            if kept { shared.keep(evidence) }
            return evidence
        }
    }

    /// Moves past one piece of evidence, checking it as `readEvidencePiece` would but making no
    /// string, and gives its kind.
    @discardableResult
    static func skipEvidencePiece(from reader: inout RecordReader) throws -> Evidence.Kind {
        let kind = try reader.code(Evidence.Kind.self)
        let attributeCount = try reader.count(minimumBytes: 2)
        for _ in 0..<2 * attributeCount { try reader.skipString() }
        return kind
    }

    /// One piece of evidence: its kind, then its attributes' names and values.
    func readEvidencePiece(from reader: inout RecordReader) throws -> Evidence {
        let kind = try reader.code(Evidence.Kind.self)
        let attributeCount = try reader.count(minimumBytes: 2)
        var attributes: [(name: String, value: String)] = []
        attributes.reserveCapacity(attributeCount)
        for _ in 0..<attributeCount { attributes.append((try reader.string(), try reader.string())) }
        return Evidence(kind, attributes)
    }
}

/// A rule's evidence as it sits in a host record.
enum RecordedEvidence: Equatable {
    case none
    /// The same list as the `index`-th list kept for reference on this host.
    case shared(Int)
    /// `count` pieces, one after the other at `bytes`; `kept` when the list is kept for later
    /// rules of the host to refer back to, as the next `shared` index.
    case pieces(count: Int, bytes: Range<Int>, kept: Bool)
}

/// The evidence lists of one host that later rules may refer back to, in the order written:
/// the writer keeps their addresses, the reader the lists. Both keep the same ones, so a
/// reference means the same list on both sides.
struct SharedEvidenceLists<Entry> {
    /// Lists kept at most: a host has one OS and a few application types.
    static var capacity: Int { 32 }
    private(set) var lists: [Entry] = []

    mutating func keep(_ entry: Entry) {
        if lists.count < Self.capacity { lists.append(entry) }
    }

    /// Lists of one OS, application type or "always" piece are the shared ones; a rule's own
    /// package evidence is never referred to again.
    static func isSharable(_ evidence: [Evidence]) -> Bool {
        evidence.count == 1 && isSharable(evidence[0].kind)
    }

    static func isSharable(_ kind: Evidence.Kind) -> Bool {
        switch kind {
        case .os, .applicationType, .always: true
        default: false
        }
    }
}
