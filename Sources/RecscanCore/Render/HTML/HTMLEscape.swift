/// Escaping of input text for HTML, the only way text from inputs reaches a page.
///
/// Both contexts escape the same five characters (`& < > " '`), so a value is safe in element
/// text and in any quoted attribute value alike. Characters that HTML forbids in a document
/// (control characters other than tab, line feed and carriage return, and noncharacters) become
/// U+FFFD, so hostile input cannot make a page invalid either.
enum HTMLEscape {
    /// Escapes `value` for use as element text.
    static func text(_ value: String) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes `value` for use inside a quoted attribute value (single or double quotes).
    static func attribute(_ value: String) -> String { text(value) }

    /// Appends `value`, escaped, as UTF-8 to `bytes`: pages are built as bytes, which is much
    /// cheaper than growing a `String` piece by piece.
    static func append(_ value: String, to bytes: inout [UInt8]) {
        // Native strings expose their UTF-8 as one buffer: checking and copying it is a tight
        // loop, where iterating `utf8` costs tens of instructions a byte.
        let copied = value.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard isPlainASCII(buffer) else { return false }
            bytes.append(contentsOf: buffer)
            return true
        }
        if copied == true { return }
        if copied == nil, isPlainASCII(value.utf8) {
            bytes.append(contentsOf: value.utf8)
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": bytes.append(contentsOf: "&amp;".utf8)
            case "<": bytes.append(contentsOf: "&lt;".utf8)
            case ">": bytes.append(contentsOf: "&gt;".utf8)
            case "\"": bytes.append(contentsOf: "&quot;".utf8)
            case "'": bytes.append(contentsOf: "&#39;".utf8)
            default:
                let kept: Unicode.Scalar = isForbidden(scalar) ? "\u{FFFD}" : scalar
                UTF8.encode(kept) { bytes.append($0) }
            }
        }
    }

    /// The common case, checked on the UTF-8 bytes: printable ASCII (or tab, line feed, carriage
    /// return) without any of the five escaped characters.
    private static func isPlainASCII<Bytes: Sequence<UInt8>>(_ value: Bytes) -> Bool {
        for byte in value {
            switch byte {
            case 0x09, 0x0A, 0x0D: continue
            case 0x22, 0x26, 0x27, 0x3C, 0x3E: return false
            case 0x20...0x7E: continue
            default: return false
            }
        }
        return true
    }

    /// Control characters other than ASCII whitespace, and Unicode noncharacters.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: return true
        default: return value & 0xFFFE == 0xFFFE
        }
    }
}

/// A piece of HTML markup in which every text part is already escaped.
///
/// The literal parts of a string literal are trusted markup written in this folder; every
/// interpolated `String` goes through ``HTMLEscape``, and only other fragments are inserted
/// as they are. There is deliberately no way to turn a runtime `String` into markup unescaped.
///
/// The markup is kept as UTF-8 bytes, which is what pages are written as.
struct HTMLFragment: Sendable, Hashable, ExpressibleByStringInterpolation {
    private(set) var bytes: [UInt8]

    init(stringLiteral value: String) { bytes = Array(value.utf8) }

    init(stringInterpolation: StringInterpolation) { bytes = stringInterpolation.bytes }

    /// Escaped text.
    init(text: String) {
        bytes = []
        HTMLEscape.append(text, to: &bytes)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    static let empty: HTMLFragment = ""

    var isEmpty: Bool { bytes.isEmpty }

    /// The markup as text.
    var markup: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends another fragment; for building long markup in place (a table row by row).
    mutating func append(_ other: HTMLFragment) { bytes.append(contentsOf: other.bytes) }

    /// Appends `text`, escaped.
    mutating func append(text: String) { HTMLEscape.append(text, to: &bytes) }

    /// Appends a number in decimal.
    mutating func append(_ number: Int) { DecimalDigits.append(number, to: &bytes) }

    /// Appends a number as ``ReportWords/number(_:)`` words it, 12,345.
    mutating func append(grouped number: Int) {
        DecimalDigits.append(number, to: &bytes, separator: UInt8(ascii: ","))
    }

    /// Makes room for `count` more bytes, so that markup of a known size is built without copies.
    mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    /// Appends trusted markup: a literal written in this folder, known when compiling.
    mutating func append(markup literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    static func + (lhs: HTMLFragment, rhs: HTMLFragment) -> HTMLFragment {
        HTMLFragment(bytes: lhs.bytes + rhs.bytes)
    }

    /// The parts one after another, with `separator` between them.
    static func joined(_ parts: [HTMLFragment], separator: HTMLFragment = .empty) -> HTMLFragment {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count + separator.bytes.count })
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(contentsOf: separator.bytes) }
            bytes.append(contentsOf: part.bytes)
        }
        return HTMLFragment(bytes: bytes)
    }

    /// Builds a fragment from trusted literals and escaped interpolations.
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { bytes.append(contentsOf: literal.utf8) }

        /// Input text: escaped.
        mutating func appendInterpolation(_ text: String) { HTMLEscape.append(text, to: &bytes) }

        /// Markup built elsewhere: inserted as it is.
        mutating func appendInterpolation(_ fragment: HTMLFragment) {
            reserve(forLarge: fragment.bytes.count)
            bytes.append(contentsOf: fragment.bytes)
        }

        /// Several fragments, one after another.
        mutating func appendInterpolation(_ fragments: [HTMLFragment]) {
            reserve(forLarge: fragments.reduce(0) { $0 + $1.bytes.count })
            for fragment in fragments { bytes.append(contentsOf: fragment.bytes) }
        }

        /// A large insert (a table, a page's sections) is nearly always followed by some closing
        /// markup (a page's footer and script): room for both at once, rather than doubling the
        /// buffer a few times on the way, each time a copy.
        private mutating func reserve(forLarge count: Int) {
            guard count >= 2_048, bytes.count + count > bytes.capacity else { return }
            bytes.reserveCapacity(bytes.count + count + 8_192)
        }

        mutating func appendInterpolation(_ number: Int) { DecimalDigits.append(number, to: &bytes) }
    }
}

/// Numbers written as decimal digits straight into a page's bytes: pages hold hundreds of
/// thousands of counts, and a `String` per number cost more than the digits.
enum DecimalDigits {
    /// Appends `value` in decimal, with a minus sign when negative, and every `separator`
    /// (when given) between groups of three digits, as in 12,345.
    static func append(_ value: Int, to bytes: inout [UInt8], separator: UInt8? = nil) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // UInt.max has 20 digits; with separators, 26 bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var start = buffer.count
            var digits = 0
            repeat {
                if let separator, digits > 0, digits % 3 == 0 {
                    start -= 1
                    buffer[start] = separator
                }
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                digits += 1
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}
