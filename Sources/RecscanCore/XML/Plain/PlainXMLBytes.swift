/// The byte classes and fixed spellings ``PlainXMLScanner`` reads XML with.
enum PlainXMLBytes {
    /// Bytes below 64 that end a run of plain attribute-value bytes: control characters (tab
    /// and line feed become spaces), `&` and `<`. The value's quote is added per value.
    static let valueStops: UInt64 = 0xFFFF_FFFF | 1 << 0x26 | 1 << 0x3C

    /// Bytes below 64 that end a run of plain text: control characters, `&`, `<` and `>`.
    static let textStops: UInt64 = 0xFFFF_FFFF | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E

    /// Most element starts and ends, or attributes, a document read whole may hold (28 MB of
    /// events, 16 MB of attributes); a file of more is streamed by libxml2. A host's inventory
    /// holds a few thousand, a 10,000-rule catalog about 60,000.
    static let mostEvents = 1 << 20

    /// Longer names are declined: libxml2 has its own bound on them.
    static let longestName = 1000

    /// A blank between a tag's parts: space, tab or line feed (a CR is declined).
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 }

    /// Letters and `_`, as bits of the bytes 64 to 127 (a colon would be a prefix).
    private static let nameStartHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE
    /// Digits, `-` and `.`, as bits of the bytes below 64.
    private static let nameLaterLow: UInt64 = 0x03FF_6000_0000_0000

    /// A name's first byte: an ASCII letter or `_`.
    @inline(__always)
    static func isNameStart(_ byte: UInt8) -> Bool {
        byte >= 64 && byte < 128 && nameStartHigh >> UInt64(byte - 64) & 1 != 0
    }

    /// A name's later bytes: letters, digits, `_`, `-` and `.`.
    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        byte < 64 ? nameLaterLow >> UInt64(byte) & 1 != 0 : byte < 128 && nameStartHigh >> UInt64(byte - 64) & 1 != 0
    }

    /// The position of the first byte from `start` (before `end`) that `stops` marks, as bits of
    /// the bytes below 64, or that is 0x80 or more; `end` when there is none.
    @inline(__always)
    static func runEnd(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, stops: UInt64) -> Int {
        var position = start
        while position < end {
            let byte = base[position]
            if byte < 64 ? stops >> UInt64(byte) & 1 != 0 : byte >= 0x80 { break }
            position += 1
        }
        return position
    }

    /// The position of the first byte from `start` that ends a run of plain attribute-value
    /// bytes (see ``valueStops``), or a position less than eight before `end` from which to go
    /// on byte by byte: eight bytes are checked at once. Each test below can mark a byte
    /// wrongly only above one it marks rightly, so the lowest mark is the first stop.
    @inline(__always)
    static func plainValueRun(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, quote: UInt8) -> Int {
        let raw = UnsafeRawPointer(base)
        var position = start
        while position + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            // The quote, `&`, `<`, any byte below 0x20, any byte from 0x80.
            let marks =
                ByteWord.marks(of: quote, in: word) | ByteWord.marks(of: 0x26, in: word)
                | ByteWord.marks(of: 0x3C, in: word) | ByteWord.marks(below: 0x20, in: word) | word & ByteWord.highs
            if marks != 0 { return position + marks.trailingZeroBitCount / 8 }
            position += 8
        }
        return position
    }

    static let xmlns = Array("xmlns".utf8)
    static let version = Array("version".utf8)
    static let encoding = Array("encoding".utf8)
    static let standalone = Array("standalone".utf8)
    static let versions = [Array("1.0".utf8)]
    static let encodings = [Array("UTF-8".utf8), Array("utf-8".utf8)]
    static let standalones = [Array("yes".utf8), Array("no".utf8)]

    /// Default namespaces left to libxml2: the two it refuses there, and XInclude's, which the
    /// policy refuses.
    static let refusedNamespaces = [
        "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/", "http://www.w3.org/2001/XInclude",
        "http://www.w3.org/2003/XInclude",
    ].map { Array($0.utf8) }

    /// The character a reference's body (between `&` and `;`) stands for: one of the five
    /// predefined entities, or `#digits` / `#xhex` naming a character XML allows.
    static func referenced(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        switch String(decoding: body, as: UTF8.self) {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard body.count >= 2, body[0] == UInt8(ascii: "#") else { return nil }
        let hex = body[1] == UInt8(ascii: "x")
        let digits = body[(hex ? 2 : 1)...]
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = digitValue(byte, hex: hex) else { return nil }
            value = value * (hex ? 16 : 10) + digit
        }
        guard isCharacter(value) else { return nil }
        return Unicode.Scalar(value)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// XML 1.0's `Char` production.
    static func isCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The width of the well-formed UTF-8 sequence `bytes` starts with, when it encodes a
    /// non-ASCII character XML allows; 0 otherwise (an ill-formed sequence, U+FFFE, U+FFFF).
    static func characterWidth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let lead = bytes.first else { return 0 }
        func continuation(_ position: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            position < bytes.count && bytes[position] >= low && bytes[position] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xEF:
            guard continuation(1), continuation(2) else { return 0 }
            // U+FFFE and U+FFFF are not characters.
            return bytes[1] == 0xBF && bytes[2] >= 0xBE ? 0 : 3
        case 0xE1...0xEE:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }
}
