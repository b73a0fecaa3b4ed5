/// Rows of an RFC 4180 CSV file built by appending bytes: fields separated by commas, each
/// row ended by CRLF, a field that holds a comma, a quote, CR or LF quoted with its quotes
/// doubled. Text is UTF-8 as it is, without a byte order mark.
///
/// **Formula injection.** Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
/// formula (and some strip a leading tab or CR first); host names, package versions and
/// messages come from untrusted inventories. Such a cell gets a leading `'`, which spreadsheets
/// read as "text" and hide. A plain number (`-1`, `+2.5`: an optional sign, digits, at most one
/// decimal point followed by digits) is left as it is, since a spreadsheet can only read it as
/// that number. A program reading the file sees the `'`.
struct CSVLine: ~Copyable {
    /// The rows so far.
    var buffer: RenderBuffer
    private var fieldsInRow = 0

    init(capacity: Int = 0) { buffer = RenderBuffer(capacity: capacity) }

    /// A copy of the rows so far.
    var bytes: [UInt8] { buffer.array }

    /// Appends one field of text, guarded and quoted as needed.
    mutating func field(_ value: String) {
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { field($0) }
        if done == nil { Array(value.utf8).withUnsafeBufferPointer { field($0) } }
    }

    /// Appends one field of text given as UTF-8 bytes, guarded and quoted as needed.
    mutating func field(_ utf8: UnsafeBufferPointer<UInt8>) {
        separate()
        let quoted =
            ByteWord.firstIndex(
                in: utf8, from: 0,
                wordMayHold: { word in
                    ByteWord.has(UInt8(ascii: ","), in: word) || ByteWord.has(UInt8(ascii: "\""), in: word)
                        || ByteWord.hasByte(below: 0x0E, in: word)
                },
                special: { byte in
                    byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
                }) < utf8.count
        if quoted { buffer.append(UInt8(ascii: "\"")) }
        if Self.mayStartAFormula(utf8) { buffer.append(UInt8(ascii: "'")) }
        guard quoted else {
            buffer.append(utf8)
            return
        }
        var start = 0
        while start < utf8.count {
            let quote = ByteWord.firstIndex(
                in: utf8, from: start, wordMayHold: { ByteWord.has(UInt8(ascii: "\""), in: $0) },
                special: { $0 == UInt8(ascii: "\"") })
            guard quote < utf8.count else { break }
            buffer.append(UnsafeBufferPointer(rebasing: utf8[start...quote]))
            buffer.append(UInt8(ascii: "\""))
            start = quote + 1
        }
        buffer.append(UnsafeBufferPointer(rebasing: utf8[start...]))
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends one field that is a word of the report's vocabulary (an outcome, a module, a
    /// level) or empty: nothing to guard or quote.
    mutating func word(_ value: String?) {
        separate()
        if let value { buffer.append(utf8: value) }
    }

    /// Appends one field known to be plain: `true`, `false`.
    mutating func plain(_ value: StaticString) {
        separate()
        buffer.append(value)
    }

    /// Appends `count` fields already written as CSV (a host's leading columns).
    mutating func fields(_ written: [UInt8], count: Int) {
        separate()
        buffer.append(written)
        fieldsInRow += count - 1
    }

    /// Ends the row with CRLF.
    mutating func endRow() {
        buffer.append("\r\n")
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }

    /// Whether a cell of `utf8` would start with what a spreadsheet takes for a formula.
    static func mayStartAFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return !isPlainNumber(UnsafeBufferPointer(rebasing: utf8.dropFirst()))
        default: return false
        }
    }

    /// Digits, optionally followed by a decimal point and more digits.
    private static func isPlainNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        var sawPoint = false
        var digitsAfterPoint = 0
        for byte in utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if sawPoint { digitsAfterPoint += 1 } else { digits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return false
            }
        }
        return digits > 0 && (!sawPoint || digitsAfterPoint > 0)
    }
}
