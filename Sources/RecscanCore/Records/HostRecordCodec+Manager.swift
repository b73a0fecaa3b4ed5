/// The comparison with the manager's own recommendation scan, in a host record after the host's
/// findings.
extension HostRecordCodec {
    func write(_ comparison: ManagerComparison?, to writer: inout RecordWriter) {
        writer.bool(comparison != nil)
        guard let comparison else { return }
        writer.count(comparison.agreements)
        writer.count(comparison.scans.count)
        for scan in comparison.scans {
            writer.code(scan.module)
            writer.optional(scan.status)
            writer.optional(scan.scanned)
        }
        writer.count(comparison.disagreements.count)
        for item in comparison.disagreements {
            writer.string(item.ruleID)
            writer.code(item.module)
            writer.code(item.direction)
            writer.code(item.cause)
            writer.string(item.message)
        }
    }

    func readManagerComparison(from reader: inout RecordReader) throws -> ManagerComparison? {
        guard try reader.bool() else { return nil }
        var comparison = ManagerComparison(scans: [], agreements: try reader.count(), disagreements: [])
        let scanCount = try reader.count(minimumBytes: 3)
        for _ in 0..<scanCount {
            comparison.scans.append(
                .init(
                    module: try reader.code(Module.self), status: try reader.optional(), scanned: try reader.optional())
            )
        }
        let count = try reader.count(minimumBytes: 5)
        for _ in 0..<count {
            comparison.disagreements.append(
                .init(
                    ruleID: try reader.string(), module: try reader.code(Module.self),
                    direction: try reader.code(ManagerComparison.Disagreement.Direction.self),
                    cause: try reader.code(ManagerComparison.Disagreement.Cause.self), message: try reader.string()))
        }
        return comparison
    }
}

extension ManagerComparison.Disagreement.Direction: RecordEnum { static let recordCases = allCases }
extension ManagerComparison.Disagreement.Cause: RecordEnum { static let recordCases = allCases }
