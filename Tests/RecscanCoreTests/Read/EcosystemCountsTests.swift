import Testing

@testable import RecscanCore

@Suite("Packages per ecosystem")
struct EcosystemCountsTests {
    /// The inline counters against a dictionary, the obvious slow way.
    @Test func countsAndMergesAsADictionaryWould() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let first = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                Ecosystem.allCases.randomElement(using: &generator) ?? .deb
            }
            let second = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                Ecosystem.allCases.randomElement(using: &generator) ?? .deb
            }
            var counts = EcosystemCounts()
            for ecosystem in first { counts.add(ecosystem) }
            var other = EcosystemCounts()
            for ecosystem in second { other[ecosystem] += 1 }
            let expected = Dictionary(first.map { ($0, 1) }, uniquingKeysWith: +)
            let expectedOther = Dictionary(second.map { ($0, 1) }, uniquingKeysWith: +)
            #expect(counts.nonZero.map(\.ecosystem) == expected.keys.sorted())
            for ecosystem in Ecosystem.allCases {
                #expect(counts[ecosystem] == expected[ecosystem, default: 0])
                #expect(
                    counts.merged(with: other)[ecosystem]
                        == max(expected[ecosystem, default: 0], expectedOther[ecosystem, default: 0]))
            }
            #expect(counts.isEmpty == first.isEmpty)
        }
    }
}
