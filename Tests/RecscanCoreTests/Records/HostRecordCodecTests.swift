import Foundation
import RecscanFuzzKit
import Testing

@testable import RecscanCore

@Suite("Host records")
struct HostRecordCodecTests {
    /// Every host of the sample fleet, analyzed as a scan analyzes it.
    static func sampleAnalyses() async throws -> (Catalog, [HostAnalysis]) {
        let inputs = try await SampleFleet.load()
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: inputs.catalog)), fleet: inputs.fleet,
            referenceTime: Fixture.referenceTime, maxAgeDays: 7, events: inputs.events)
        return (inputs.catalog, inputs.hosts.map(analyzer.analyze))
    }

    /// A host with every optional part set, a rule the catalog does not describe and evidence
    /// with an attribute name records have no code for.
    static func everythingSet(catalog: Catalog) -> HostAnalysis {
        var report = HostReport(hostname: "Wéb-01", policyID: "linux-web", status: .stale)
        report.os = OperatingSystem(
            family: "linux", name: "debian", version: "12", arch: "x86_64", inferredFrom: "base-files 12.4")
        report.collected = "2026-11-28T08:00:00Z"
        report.settings = EffectiveSettings(
            engineMode: .tap, engineModeSetAt: .computer, behavior: .detect, behaviorSetAt: .policy("base"),
            autoApply: [.intrusionPrevention: true, .logInspection: false])
        var known = RuleResult(
            ruleID: catalog.sortedRuleIDs[0],
            module: catalog.rules[catalog.sortedRuleIDs[0]]?.module ?? .intrusionPrevention,
            name: catalog.rules[catalog.sortedRuleIDs[0]]?.name ?? "",
            severity: catalog.rules[catalog.sortedRuleIDs[0]]?.severity ?? .low,
            outcome: .excluded, apply: nil, reason: nil, blocks: true)
        known.assignedAt = [.policy("base"), .computer]
        known.excludedBy = ExclusionReference(level: .policy("base"), reason: "noisy", by: "ops", expires: "2027-01-01")
        var foreign = RuleResult(
            ruleID: "9999999", module: .logInspection, name: "Not in the catalog", severity: .critical,
            outcome: .toAssign, apply: .manual, reason: .uncertainVersion, blocks: false)
        foreign.evidence = [
            Evidence(.package, [("ecosystem", "deb"), ("name", "openssl"), ("version", "1.0.1e-2")]),
            Evidence(.uncertain, [("unusual", "é\u{FFFD}x")]),
        ]
        report.rules = [known, foreign]
        report.findings = [
            Finding(
                kind: .multiLevelAssignment, severity: .medium, ruleID: "1000763", level: .policy("base"), message: "m"),
            Finding(kind: .staleInventory, severity: .medium, ruleID: nil, level: nil, message: ""),
        ]
        report.inventorySources = ["Inventories/web01.xml", "Inventories/web01.cdx.json"]
        report.changes = HostChanges(
            added: false, previousStatus: "ok",
            rules: [
                RuleChange(
                    ruleID: "1000763", kind: .new, was: nil, now: RuleState(outcome: .toAssign, apply: .auto)),
                RuleChange(
                    ruleID: "1000128", kind: .resolved, was: RuleState(outcome: .toUnassign, apply: nil), now: nil),
            ],
            findings: [
                FindingChange(
                    kind: .resolved,
                    finding: FindingKey(
                        kind: "unknown-rule", severity: "low", ruleID: "1", level: "policy", levelID: "x"))
            ])
        report.manager = ManagerComparison(
            scans: [
                .init(module: .intrusionPrevention, status: "out-of-date", scanned: "2026-11-20T03:00:00Z"),
                .init(module: .logInspection, status: nil, scanned: nil),
            ],
            agreements: 7,
            disagreements: [
                .init(
                    ruleID: "1012301", module: .intrusionPrevention, direction: .managerAssigns, cause: .notInCatalog,
                    message: "m"),
                .init(
                    ruleID: "ID 4711", module: .logInspection, direction: .recscanUnassigns, cause: .inventoryLacks,
                    message: ""),
            ])
        let plan = TriagePlan(
            hostname: "Wéb-01", ruleID: "1000763", events: 8, blocked: true,
            steps: [
                TriageStep(
                    order: 1, action: "set-engine-mode", optional: true, attributes: [("mode", "tap")], text: "a"),
                TriageStep(order: -2, action: "unassign", text: ""),
            ])
        return HostAnalysis(report: report, excludableRuleIDs: ["1000763", "1004293"], triage: [plan])
    }

    @Test func everySampleHostAndAFullyFilledOneRoundTrip() async throws {
        let (catalog, analyses) = try await Self.sampleAnalyses()
        #expect(analyses.count > 10)
        let codec = HostRecordCodec(catalog: catalog)
        for analysis in analyses + [Self.everythingSet(catalog: catalog)] {
            let decoded = try codec.decode(codec.encode(analysis))
            #expect(decoded.report == analysis.report)
            #expect(decoded.triage == analysis.triage)
            #expect(decoded.excludableRuleIDs == analysis.excludableRuleIDs)
            // Rules the catalog describes come back with their catalog position.
            if analysis.ruleOrdinals.count == analysis.report.rules.count {
                #expect(decoded.ruleOrdinals == analysis.ruleOrdinals)
            }
        }
    }

    /// Rules that share one evidence list (the host's OS, a detected application type) share one
    /// array again after reading: rendering tells shared lists by address.
    @Test func sharedEvidenceListsComeBackShared() async throws {
        let (catalog, analyses) = try await Self.sampleAnalyses()
        let codec = HostRecordCodec(catalog: catalog)
        func address(_ evidence: [Evidence]) -> UnsafeRawPointer? {
            evidence.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
        }
        var sharedPairs = 0
        for analysis in analyses {
            let decoded = try codec.decode(codec.encode(analysis)).report.rules
            let rules = analysis.report.rules
            for i in rules.indices {
                for j in rules.indices where j > i && rules[i].evidence.count == 1 {
                    let wasShared = address(rules[i].evidence) == address(rules[j].evidence)
                    #expect((address(decoded[i].evidence) == address(decoded[j].evidence)) == wasShared)
                    if wasShared { sharedPairs += 1 }
                }
            }
        }
        #expect(sharedPairs > 0)
    }

    /// What report.xml cannot hold is replaced once, in the record, so every format and every
    /// rendering from a stored report.xml state the same text.
    @Test func charactersNoReportCanHoldAreReplacedOnce() async throws {
        let (catalog, _) = try await Self.sampleAnalyses()
        let codec = HostRecordCodec(catalog: catalog)
        var analysis = Self.everythingSet(catalog: catalog)
        analysis.report.hostname = "web\u{1}01"
        analysis.report.findings[0].message = "tab\tand\u{0}nul\u{FFFE}"
        let decoded = try codec.decode(codec.encode(analysis))
        #expect(decoded.report.hostname == "web\u{FFFD}01")
        #expect(decoded.report.findings[0].message == "tab\tand\u{FFFD}nul\u{FFFD}")
        #expect(try codec.decode(codec.encode(decoded)).report == decoded.report)
    }

    @Test func aRuleTheCatalogDescribesOtherwiseIsWrittenOut() async throws {
        let (catalog, _) = try await Self.sampleAnalyses()
        let codec = HostRecordCodec(catalog: catalog)
        var analysis = Self.everythingSet(catalog: catalog)
        analysis.report.rules[0].name = "Renamed since the catalog"
        let decoded = try codec.decode(codec.encode(analysis))
        #expect(decoded.report == analysis.report)
        #expect(decoded.ruleOrdinals == [-1, -1])
    }

    @Test func damageIsFoundNotMisread() async throws {
        let (catalog, _) = try await Self.sampleAnalyses()
        let codec = HostRecordCodec(catalog: catalog)
        let bytes = codec.encode(Self.everythingSet(catalog: catalog))
        for length in 0..<bytes.count {
            #expect(throws: RecordError.self) { try codec.decode(Array(bytes[..<length])) }
        }
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= 0x20
            #expect(throws: RecordError.self) { try codec.decode(damaged) }
        }
        var newer = bytes
        newer[0] = HostRecordCodec.version + 1
        #expect(
            throws: RecordError.badFrame("version \(HostRecordCodec.version + 1) is not \(HostRecordCodec.version)")
        ) {
            try codec.decode(newer)
        }
    }

    /// A payload that passes the frame but lies about its counts is refused without reserving
    /// what the counts claim.
    @Test func framedGarbageIsRefused() async throws {
        let (catalog, _) = try await Self.sampleAnalyses()
        let codec = HostRecordCodec(catalog: catalog)
        for payload: [UInt8] in [
            [], [0], [1, 65, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        ] {
            #expect(throws: RecordError.self) { try codec.decode(HostRecordCodec.framed(payload)) }
        }
    }
}

/// The fuzzing target of host records, on real records and on every one-byte change of one: a
/// changed payload is refused or read as a host that survives being written again.
@Suite("Host records under the fuzz harness")
struct HostRecordFuzzTests {
    @Test func realAndMutatedRecordsHoldTheHarnessProperties() async throws {
        let (catalog, analyses) = try await HostRecordCodecTests.sampleAnalyses()
        let harness = try FuzzHarness(scratch: NSTemporaryDirectory() + "recscan-fuzz-test-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(atPath: harness.scratch) }
        let codec = HostRecordCodec(catalog: catalog)
        let target = UInt8(FuzzHarness.Target.hostRecord.rawValue)
        for analysis in analyses.prefix(3) + [HostRecordCodecTests.everythingSet(catalog: catalog)] {
            let payload = Array(codec.encode(analysis).dropFirst(HostRecordCodec.frameBytes))
            #expect(harness.run([target] + payload) == [])
            for position in payload.indices {
                for change: UInt8 in [0x01, 0x80, 0xff] {
                    var mutated = payload
                    mutated[position] ^= change
                    #expect(harness.run([target] + mutated) == [], "byte \(position) ^ \(change)")
                }
            }
        }
    }
}
