import Testing

@testable import RecscanCore

/// `RenderBuffer`'s word-sized copies and `ByteWord`'s word-at-a-time scans against a copy and a
/// scan one byte at a time.
@Suite("Render buffer against byte-by-byte oracles")
struct RenderBufferTests {
    /// Bytes that exercise every branch: each special byte, other ASCII, and bytes past ASCII.
    static let alphabet: [UInt8] = [
        0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x27, 0x2C, 0x3D, 0x41, 0x5C, 0x7F, 0x80, 0xC3, 0xFF,
    ]

    static func randomBytes(_ count: Int, using generator: inout SeededGenerator) -> [UInt8] {
        (0..<count).map { _ in
            Bool.random(using: &generator)
                ? UInt8(ascii: "a") : alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
        }
    }

    @Test func copiesOfEveryLengthAreExact() {
        var generator = SeededGenerator(seed: 7)
        var buffer = RenderBuffer(capacity: 1)
        var expected: [UInt8] = []
        for length in 0..<300 {
            let bytes = Self.randomBytes(length, using: &generator)
            bytes.withUnsafeBufferPointer { buffer.append($0) }
            expected += bytes
            #expect(buffer.array == expected, "after appending \(length) bytes")
        }
    }

    /// Bytes written in an array's memory come out as appended, within its room and past it.
    @Test func arraysMadeInPlaceHoldWhatWasAppended() {
        var generator = SeededGenerator(seed: 5)
        for capacity in [0, 1, 255, 256, 300, 4096] {
            for total in [0, 1, 255, 256, 257, 1000, 5000] {
                var expected: [UInt8] = []
                let made = RenderBuffer.makeArray(capacity: capacity) { buffer in
                    while expected.count < total {
                        let bytes = Self.randomBytes(min(37, total - expected.count), using: &generator)
                        bytes.withUnsafeBufferPointer { buffer.append($0) }
                        expected += bytes
                    }
                }
                #expect(made == expected, "capacity \(capacity), \(total) bytes")
            }
        }
    }

    @Test func theWordScanFindsWhatTheByteScanFinds() {
        var generator = SeededGenerator(seed: 11)
        for length in 0..<48 {
            for _ in 0..<50 {
                let bytes = Self.randomBytes(length, using: &generator)
                let from = length == 0 ? 0 : Int.random(in: 0..<length, using: &generator)
                bytes.withUnsafeBufferPointer { buffer in
                    for special: UInt8 in [0x22, 0x5C, 0x2C] {
                        let found = ByteWord.firstIndex(
                            in: buffer, from: from, wordMayHold: { ByteWord.has(special, in: $0) },
                            special: { $0 == special })
                        #expect(found == (bytes[from...].firstIndex(of: special) ?? length))
                    }
                    let control = ByteWord.firstIndex(
                        in: buffer, from: from, wordMayHold: { ByteWord.hasByte(below: 0x20, in: $0) },
                        special: { $0 < 0x20 })
                    #expect(control == (bytes[from...].firstIndex { $0 < 0x20 } ?? length))
                }
            }
        }
    }
}
