import Testing

@testable import RecscanCore

/// The list behind the memos that find a rule by its catalog ordinal must read as a dictionary
/// by number would, and keep nothing for a negative number (a rule the catalog lacks).
@Suite("Numbered slots") struct NumberedSlotsTests {
    @Test("reads as a dictionary by number, over 2,000 random stores and reads")
    func readsAsADictionary() {
        var random = SeededGenerator(seed: 0x510_75)
        var slots = NumberedSlots<Int>()
        var oracle: [Int: Int] = [:]
        for step in 0..<2_000 {
            let number = Int.random(in: -3...300, using: &random)
            if Bool.random(using: &random) {
                slots[number] = step
                if number >= 0 { oracle[number] = step }
            }
            #expect(slots[number] == oracle[number], "number \(number)")
        }
        #expect(slots.count == (oracle.keys.max() ?? -1) + 1)
        #expect(slots[-1] == nil)
        #expect(slots[1_000_000] == nil)
    }
}
