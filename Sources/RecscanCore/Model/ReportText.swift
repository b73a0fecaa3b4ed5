/// What text a report can carry: every output format states the same strings, so characters
/// XML 1.0 cannot hold (control characters other than tab, line feed and carriage return, and
/// U+FFFE and U+FFFF, which hostile inventories do contain) are replaced with U+FFFD once, for
/// all of them. A run rendered again from its report.xml then gives the same bytes in every format.
enum ReportText {
    /// `text` with each character XML cannot hold replaced by U+FFFD; `text` itself when it has none.
    static func writable(_ text: String) -> String {
        guard !isWritable(text) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    switch scalar.value {
                    case 0x09, 0x0A, 0x0D: scalar
                    case 0..<0x20, 0xFFFE, 0xFFFF: "\u{FFFD}"
                    default: scalar
                    }
                }))
    }

    /// Whether `text` needs no replacement: a byte scan that errs on the side of the slow path
    /// (0xEF leads U+FFFE and U+FFFF, and other characters too).
    static func isWritable(_ text: String) -> Bool { text.utf8.allSatisfy(isWritable) }

    /// The same check over UTF-8 bytes.
    static func isWritable(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool { utf8.allSatisfy(isWritable) }

    private static func isWritable(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0xEF || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
