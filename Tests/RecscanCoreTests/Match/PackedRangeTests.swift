import Testing

@testable import RecscanCore

/// Matching decides software-only rules from their packed bounds: every verdict must be the
/// criterion's own, for versions built to sit next to the bounds, with and without epochs.
@Suite("Packed ranges")
struct PackedRangeTests {
    static let oddVersions = ["", " ", "???", "1:", ":1.0", "1.0-", "a1", " 1.0 ", "1:2:3.0-1", "2:1.0~rc1-1"]

    @Test(arguments: [(Ecosystem.deb, VersionGrammar.debian, 0xDEB), (Ecosystem.rpm, VersionGrammar.rpm, 0x4B1)])
    func givesTheCriterionsVerdicts(ecosystem: Ecosystem, grammar: VersionGrammar, seed: Int) {
        let pairs = grammar.pairs(count: 60, seed: UInt64(seed))
        let installed = pairs.flatMap { [$0.0, $0.1] } + Self.oddVersions
        var arena: [UInt8] = []
        var packedCount = 0
        for (index, (low, high)) in pairs.enumerated() {
            let other = pairs[(index + 1) % pairs.count].0
            for (introduced, fixed, lastAffected) in [
                (low, high, nil), (nil, nil, high), ("0", other, nil), (low, nil, nil),
            ] {
                let criterion = SoftwareCriterion(
                    AffectedSoftware(
                        ecosystem: ecosystem, name: "p", introduced: introduced, fixed: fixed,
                        lastAffected: lastAffected),
                    softwareID: SoftwareID(0))
                guard let packed = PackedRange(criterion, arena: &arena) else { continue }
                packedCount += 1
                arena.withUnsafeBufferPointer { arena in
                    for version in installed {
                        for epochUnknown in [false, true] {
                            let expected = (epochUnknown ? criterion.rangeWithoutEpochs : criterion.range)
                                .verdict(for: version)
                            var text = version
                            let verdict = text.withUTF8 {
                                packed.verdict(for: $0, epochUnknown: epochUnknown, arena: arena)
                            }
                            switch (verdict, expected) {
                            case (nil, .uncertain): break  // the criterion's checker says why
                            case (nil, _): Issue.record("\(version) in \(criterion.range.description): no verdict")
                            case (let verdict?, _):
                                #expect(verdict == expected, "\(version) in \(criterion.range.description)")
                            }
                        }
                    }
                }
            }
        }
        // Only ranges with a bound that is not a valid version keep their checker.
        #expect(packedCount > pairs.count * 3)
    }

    @Test("ranges of other schemes, and bounds that are not versions, are not packed")
    func unpackable() {
        var arena: [UInt8] = []
        for (ecosystem, fixed) in [(Ecosystem.pypi, "2.0"), (.deb, "not a version"), (.rpm, "")] {
            let criterion = SoftwareCriterion(
                AffectedSoftware(ecosystem: ecosystem, name: "p", introduced: nil, fixed: fixed, lastAffected: nil),
                softwareID: SoftwareID(0))
            #expect(PackedRange(criterion, arena: &arena) == nil)
        }
        #expect(arena.isEmpty)
    }
}
