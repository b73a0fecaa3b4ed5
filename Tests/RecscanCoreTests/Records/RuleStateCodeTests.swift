import Testing

@testable import RecscanCore

/// `RuleStateCode` packs a rule's outcome, apply class, reason and blocking into one number:
/// every combination comes back as it went in, each gets a number of its own below 256, and a
/// number that stands for none is refused, as a damaged record must be.
@Suite("Rule state codes")
struct RuleStateCodeTests {
    @Test func everyStateComesBackFromItsNumber() throws {
        var seen: Set<Int> = []
        for outcome in Outcome.allCases {
            for apply in [nil] + ApplyClass.allCases.map(Optional.some) {
                for reason in [nil] + ManualReason.allCases.map(Optional.some) {
                    for blocks in [false, true] {
                        let code = RuleStateCode(outcome: outcome, apply: apply, reason: reason, blocks: blocks)
                        #expect(code.value >= 0 && code.value < 256)
                        #expect(seen.insert(code.value).inserted)
                        let read = try RuleStateCode(UInt64(code.value))
                        #expect(read == code)
                        #expect(read.outcome == outcome)
                        #expect(read.apply == apply)
                        #expect(read.reason == reason)
                        #expect(read.blocks == blocks)
                    }
                }
            }
        }
        #expect(seen.count == Outcome.allCases.count * 3 * (ManualReason.allCases.count + 1) * 2)
    }

    @Test func numbersOfNoStateAreRefused() {
        for value: UInt64 in [256, 1000, UInt64.max, 7, 0b0001_1000, 0b1001_1111] {
            #expect(throws: RecordError.self) { try RuleStateCode(value) }
        }
    }
}
