import Testing

@testable import RecscanCore

@Suite("A host's first package by software id")
struct FirstNamedTableTests {
    @Test("answers as a dictionary would, for ids that share slots and ids it never saw")
    func matchesADictionary() {
        for count in [0, 1, 7, 16, 300] {
            var table = FirstNamedTable(count: count)
            var oracle: [Int: Int32] = [:]
            // Ids from a small range, so that several are set more than once, and large ones.
            let ids = (0..<count).map { $0 % 3 == 0 ? $0 * 7 % 40 : $0 * 9_973 }
            for (value, id) in ids.enumerated() {
                #expect(table.exchange(SoftwareID(id), Int32(value + 1)) == oracle[id] ?? 0)
                oracle[id] = Int32(value + 1)
            }
            for id in Set(ids).union(0..<64).union([9_973 * 1_000, Int(Int32.max) - 1]) {
                #expect(table[SoftwareID(id)] == oracle[id] ?? 0)
            }
        }
    }
}
