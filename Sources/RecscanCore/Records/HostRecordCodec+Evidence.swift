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
        _ evidence: [Evidence], shared: inout SharedEvidenceLists<UnsafeRawPointer>, to writer: inout RecordWriter
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

    func readEvidence(from reader: inout RecordReader, shared: inout SharedEvidenceLists<[Evidence]>) throws
        -> [Evidence]
    {
        let tag = try reader.unsigned()
        guard tag > 0 else { return [] }
        guard tag & 1 == 1 else {
            let index = (tag - 2) / 2
            guard index < UInt64(shared.lists.count) else { throw RecordError.malformed("no shared evidence \(index)") }
            return shared.lists[Int(index)]
        }
        let count = try reader.bounded((tag - 1) / 2, minimumBytes: 2)
        var evidence: [Evidence] = []
        evidence.reserveCapacity(count)
        for _ in 0..<count {
            let kind = try reader.code(Evidence.Kind.self)
            let attributeCount = try reader.count(minimumBytes: 2)
            var attributes: [(name: String, value: String)] = []
            attributes.reserveCapacity(attributeCount)
            for _ in 0..<attributeCount { attributes.append((try reader.string(), try reader.string())) }
            evidence.append(Evidence(kind, attributes))
        }
        if SharedEvidenceLists<[Evidence]>.isSharable(evidence) { shared.keep(evidence) }
        return evidence
    }
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
        guard evidence.count == 1 else { return false }
        switch evidence[0].kind {
        case .os, .applicationType, .always: return true
        default: return false
        }
    }
}
