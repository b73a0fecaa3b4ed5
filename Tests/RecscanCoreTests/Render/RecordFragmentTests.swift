import Testing

@testable import RecscanCore

/// report.xml writes each host straight from its record (`HostXML`'s record path); the oracle is
/// the host's analysis written value by value with a fresh memo, which must give the same bytes
/// whatever the record path's memo holds.
@Suite("Host fragments from records")
struct RecordFragmentTests {
    /// The fully filled host of the record tests, and the same with parts left out, so that
    /// each element can come first after the host's start tag.
    static func variants(_ host: HostAnalysis) -> [HostAnalysis] {
        var hostile = host
        hostile.report.hostname = "web<&>\"'\u{1}01"
        hostile.report.rules[1].evidence.append(Evidence(.file, [("path", "/etc/<a&b>\"'\t\r\n x")]))
        hostile.report.findings[0].message = "two\nlines & <markup>"
        hostile.report.manager?.disagreements[0].message = "the <manager> & \"its\" scan\n"
        var noOSOrSources = host
        noOSOrSources.report.os = nil
        noOSOrSources.report.inventorySources = []
        var noSettings = noOSOrSources
        noSettings.report.settings = nil
        var noRules = host
        noRules.report.rules = []
        var bare = noSettings
        bare.report.rules = []
        bare.report.findings = []
        bare.report.changes = nil
        bare.report.manager = nil
        var settingsOnly = bare
        settingsOnly.report.settings = host.report.settings
        var managerOnly = bare
        managerOnly.report.manager = host.report.manager
        return [host, hostile, noOSOrSources, noSettings, noRules, bare, settingsOnly, managerOnly]
    }

    static func fromRecord(
        _ record: [UInt8], codec: HostRecordCodec, changes: HostChanges?, memo: inout ReportFragmentMemo
    ) throws -> [UInt8] {
        try codec.withCursor(record) { cursor in
            try ReportXMLWriter.fragment(for: &cursor, changes: changes, capacity: 0, memo: &memo)
        }
    }

    /// The host written element by element through libxml2, with no memo and no markup of our
    /// own: the oracle of both paths.
    static func plain(_ host: HostReport) throws -> [UInt8] {
        try XMLStreamWriter.serializedElement(depth: 1) { writer in
            try HostXML.writeStart(of: host, to: writer)
            if let settings = host.settings { try HostXML.write(settings, to: writer) }
            for rule in host.rules {
                try writer.startElement("rule")
                for (name, value) in HostXML.identityAttributes(of: rule) { try writer.attribute(name, value) }
                try HostXML.writeOutcome(of: rule, to: writer)
                for evidence in rule.evidence { try writer.element("evidence", HostXML.attributes(of: evidence)) }
                for level in rule.assignedAt {
                    try writer.element("assignedAt", HostXML.attributes(assignedAt: level))
                }
                if let exclusion = rule.excludedBy {
                    try writer.element("excludedBy", HostXML.attributes(of: exclusion))
                }
                try writer.endElement()
            }
            try HostXML.writeEnd(HostReportEnd(host), to: writer)
        }
    }

    @Test func everySampleHostAndAFullyFilledOneGiveTheBytesOfTheirAnalysis() async throws {
        let (catalog, analyses) = try await HostRecordCodecTests.sampleAnalyses()
        let codec = HostRecordCodec(catalog: catalog)
        let hosts = analyses + Self.variants(HostRecordCodecTests.everythingSet(catalog: catalog))
        // A worker's memo, kept from host to host and over the fleet twice.
        var kept = ReportFragmentMemo()
        var compared = 0
        for _ in 0..<2 {
            for analysis in hosts {
                let expected = try Self.plain(analysis.report)
                #expect(try ReportXMLWriter.fragment(for: analysis.report) == expected)
                let record = codec.encode(analysis)
                var fresh = ReportFragmentMemo()
                let changes = analysis.report.changes
                #expect(try Self.fromRecord(record, codec: codec, changes: changes, memo: &fresh) == expected)
                #expect(try Self.fromRecord(record, codec: codec, changes: changes, memo: &kept) == expected)
                compared += 1
            }
        }
        #expect(compared > 20)
    }

    /// A host's changes come from the run's comparison, not from its record.
    @Test func changesGivenReplaceTheRecords() async throws {
        let (catalog, _) = try await HostRecordCodecTests.sampleAnalyses()
        let codec = HostRecordCodec(catalog: catalog)
        var analysis = HostRecordCodecTests.everythingSet(catalog: catalog)
        let record = codec.encode(analysis)
        let given = HostChanges(added: true, previousStatus: nil)
        analysis.report.changes = given
        var memo = ReportFragmentMemo()
        #expect(
            try Self.fromRecord(record, codec: codec, changes: given, memo: &memo)
                == ReportXMLWriter.fragment(for: analysis.report))
        analysis.report.changes = nil
        #expect(
            try Self.fromRecord(record, codec: codec, changes: nil, memo: &memo)
                == ReportXMLWriter.fragment(for: analysis.report))
    }

    /// What a stored host gives the formats: the record's own changes for a stored run, the
    /// compared ones otherwise, in the decoded analysis and without decoding alike.
    @Test func storedHostsTakeTheirChangesFromWhereTheRunSays() async throws {
        let (catalog, _) = try await HostRecordCodecTests.sampleAnalyses()
        let codec = HostRecordCodec(catalog: catalog)
        let analysis = HostRecordCodecTests.everythingSet(catalog: catalog)
        let record = codec.encode(analysis)
        let compared = HostChanges(added: true, previousStatus: nil)
        for decoding in [false, true] {
            let stored = try StoredHost(
                record: record, codec: codec, triage: [], changes: .stored, decoding: decoding)
            #expect(stored.changes == analysis.report.changes)
            #expect(try stored.analysis().report == analysis.report)
            let fresh = try StoredHost(
                record: record, codec: codec, triage: analysis.triage, changes: .compared(compared),
                decoding: decoding)
            #expect(fresh.changes == compared)
            #expect(try fresh.analysis().report.changes == compared)
            #expect(try fresh.analysis().triage == analysis.triage)
        }
    }

    /// A memo that holds pieces of one host's record finds them by bytes for another host.
    @Test func piecesAreFoundByTheirBytes() {
        var memo = BytesMemo()
        var budget = 1 << 20
        let key: [UInt8] = [3, 1, 4, 1, 5]
        key.withUnsafeBufferPointer { key in
            var bytes = RenderBuffer()
            bytes.append(9)
            #expect(!memo.append(kind: 1, key: key, to: &bytes))
            memo.keep([7, 7], kind: 1, key: key, budget: &budget)
            #expect(memo.append(kind: 1, key: key, to: &bytes))
            #expect(bytes.array == [9, 7, 7])
            #expect(!memo.append(kind: 2, key: key, to: &bytes))
            #expect(!memo.append(kind: 1, key: UnsafeBufferPointer(rebasing: key[..<4]), to: &bytes))
        }
        #expect(budget < 1 << 20)
        // Many keys, through the table's growth; none is lost.
        for value in 0..<3000 {
            let key = [UInt8(value & 0xff), UInt8(value >> 8), 42]
            key.withUnsafeBufferPointer { memo.keep([UInt8(value & 0xff)], kind: 5, key: $0, budget: &budget) }
        }
        for value in 0..<3000 {
            var bytes = RenderBuffer()
            let key = [UInt8(value & 0xff), UInt8(value >> 8), 42]
            #expect(key.withUnsafeBufferPointer { memo.append(kind: 5, key: $0, to: &bytes) })
            #expect(bytes.array == [UInt8(value & 0xff)])
        }
        // Nothing is kept beyond the budget.
        var none = 0
        var full = BytesMemo()
        key.withUnsafeBufferPointer { full.keep([1], kind: 1, key: $0, budget: &none) }
        var bytes = RenderBuffer()
        #expect(!key.withUnsafeBufferPointer { full.append(kind: 1, key: $0, to: &bytes) })
    }
}
