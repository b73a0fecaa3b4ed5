import RecscanCore

/// Checks the reader of host records on any payload (framed, so that the checksum passes and the
/// payload itself is what gets fuzzed): it refuses or reads, never crashes, and what it reads,
/// once written (which replaces what no report can hold), reads back the same ever after.
enum HostRecordCheck {
    static func check(_ payload: [UInt8], codec: HostRecordCodec) -> [String] {
        guard let read = try? codec.decode(HostRecordCodec.framed(payload)) else { return [] }
        do {
            let analysis = try codec.decode(codec.encode(read))
            let again = try codec.decode(codec.encode(analysis))
            guard again.report == analysis.report, again.triage == analysis.triage,
                again.excludableRuleIDs == analysis.excludableRuleIDs
            else { return ["a host record read back differs after writing it again"] }
            return []
        } catch {
            return ["a host record read from fuzz input cannot be read after writing it again: \(error)"]
        }
    }
}
