/// Elements with attributes only (a rule's start tag, a piece of evidence, a level), serialized
/// as libxml2's indenting writer serializes them, without it: a pass over the attributes' bytes,
/// where libxml2 took a writer, its buffer and a flush, about 20 K instructions an element. Used
/// for the pieces `ReportFragmentMemo` keeps, so each is made once per worker either way; the
/// first host of a run made thousands. libxml2 is the oracle (`XMLMarkupTests`).
///
/// libxml2 writes an attribute's value with `&`, `<`, `>` and `"` as entities, and tab, line
/// feed, carriage return and every character beyond ASCII as hexadecimal character references
/// (its writer has no document encoding to write them in). Names are written as they are.
enum XMLMarkup {
    /// `depth` levels of indentation, `<name`, then ` key="value"` for each attribute whose value
    /// is not `nil`: a start tag left open.
    static func startTag(_ name: String, _ attributes: [(String, String?)], depth: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 * depth + 16 + 24 * attributes.count)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        bytes.append(UInt8(ascii: "<"))
        bytes += name.utf8
        for (key, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            bytes += key.utf8
            bytes += #"=""#.utf8
            appendAttributeValue(value, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        return bytes
    }

    /// An element with attributes only, indented for `depth`, ending with `/>` and a line break.
    static func emptyElement(_ name: String, _ attributes: [(String, String?)], depth: Int) -> [UInt8] {
        startTag(name, attributes, depth: depth) + "/>\n".utf8
    }

    /// Appends `value` escaped as libxml2 escapes an attribute's value, after replacing what no
    /// report can hold as every writer does (`ReportText`). Runs of bytes that need no escaping
    /// are copied whole.
    static func appendAttributeValue(_ value: String, to bytes: inout [UInt8]) {
        var value = ReportText.writable(value)
        value.withUTF8 { utf8 in
            var plainStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let escape = escapes[Int(byte)]
                guard escape != .none else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                if case .entity(let entity) = escape {
                    bytes += entity.utf8
                    index += 1
                } else {
                    index += appendCharacterReference(utf8, at: index, to: &bytes)
                }
                plainStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        }
    }

    /// How a byte of an attribute's value is written.
    private enum Escape: Equatable {
        /// As it is.
        case none
        /// As this entity or character reference.
        case entity(String)
        /// As the start of a character beyond ASCII, by a hexadecimal character reference.
        case scalar
    }

    private static let escapes: [Escape] = (0...255).map { byte in
        switch byte {
        case 0x26: .entity("&amp;")
        case 0x3C: .entity("&lt;")
        case 0x3E: .entity("&gt;")
        case 0x22: .entity("&quot;")
        case 0x09: .entity("&#9;")
        case 0x0A: .entity("&#10;")
        case 0x0D: .entity("&#13;")
        case 0x80...: .scalar
        default: .none
        }
    }

    /// Appends `&#xHEX;` for the character whose UTF-8 starts at `index` (valid: `utf8` comes
    /// from a `String`) and returns its length in bytes.
    private static func appendCharacterReference(
        _ utf8: UnsafeBufferPointer<UInt8>, at index: Int, to bytes: inout [UInt8]
    ) -> Int {
        let lead = utf8[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var scalar = UInt32(lead) & (0x7F >> length)
        for offset in 1..<length { scalar = scalar << 6 | UInt32(utf8[index + offset] & 0x3F) }
        bytes += "&#x".utf8
        bytes += String(scalar, radix: 16, uppercase: true).utf8
        bytes.append(UInt8(ascii: ";"))
        return length
    }
}
