/// What was read for a host against what the catalog can match, in a host record after its
/// inventory sources.
extension HostRecordCodec {
    func write(_ details: InventoryDetails?, to writer: inout RecordWriter) {
        writer.bool(details != nil)
        guard let details else { return }
        writer.count(details.formats.count)
        for entry in details.formats {
            writer.string(entry.file)
            writer.string(entry.format)
        }
        writer.code(details.collectedFrom)
        writer.count(details.ecosystems.count)
        for coverage in details.ecosystems {
            writer.code(coverage.ecosystem)
            // Numbers, not element counts: not bounded by the bytes that follow.
            writer.unsigned(UInt64(max(0, coverage.packages)))
            writer.unsigned(UInt64(max(0, coverage.rules)))
        }
    }

    func readInventoryDetails(from reader: inout RecordReader) throws -> InventoryDetails? {
        guard try reader.bool() else { return nil }
        var formats: [(file: String, format: String)] = []
        let formatCount = try reader.count(minimumBytes: 2)
        for _ in 0..<formatCount { formats.append((try reader.string(), try reader.string())) }
        let collectedFrom = try reader.code(CollectionTimeSource.self)
        var ecosystems: [EcosystemCoverage] = []
        let ecosystemCount = try reader.count(minimumBytes: 3)
        for _ in 0..<ecosystemCount {
            ecosystems.append(
                EcosystemCoverage(
                    ecosystem: try reader.code(Ecosystem.self), packages: try number(&reader),
                    rules: try number(&reader)))
        }
        return InventoryDetails(formats: formats, collectedFrom: collectedFrom, ecosystems: ecosystems)
    }
}

private func number(_ reader: inout RecordReader) throws -> Int {
    let value = try reader.unsigned()
    guard value <= UInt64(Int32.max) else { throw RecordError.malformed("a number is too large") }
    return Int(value)
}

extension CollectionTimeSource: RecordEnum { static let recordCases = allCases }
