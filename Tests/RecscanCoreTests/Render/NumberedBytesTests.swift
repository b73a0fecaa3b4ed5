import Testing

@testable import RecscanCore

/// `NumberedBytes` against a dictionary: the first bytes kept for a number are the ones given
/// back, numbers never kept give nothing, and empty values count as kept.
@Suite("Numbered bytes against a dictionary")
struct NumberedBytesTests {
    @Test func keptBytesComeBackByNumber() {
        var generator = SeededGenerator(seed: 3)
        var kept = NumberedBytes()
        var oracle: [Int: [UInt8]] = [:]
        for _ in 0..<400 {
            let number = Int.random(in: 0..<90, using: &generator)
            let value = RenderBufferTests.randomBytes(Int.random(in: 0..<40, using: &generator), using: &generator)
            kept.keep(value, for: number)
            if oracle[number] == nil { oracle[number] = value }
        }
        #expect(kept.count == (oracle.keys.max() ?? -1) + 1)
        for number in -1..<100 {
            var bytes = RenderBuffer()
            bytes.append(7)
            let found = kept.append(number, to: &bytes)
            #expect(found == (oracle[number] != nil))
            #expect(bytes.array == [7] + (oracle[number] ?? []))
        }
    }
}
