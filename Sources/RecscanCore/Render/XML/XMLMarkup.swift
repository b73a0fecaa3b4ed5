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
        appendUTF8(name, to: &bytes)
        for (key, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            appendUTF8(key, to: &bytes)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            appendAttributeValue(value, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        return bytes
    }

    /// An element with attributes only, indented for `depth`, ending with `/>` and a line break.
    static func emptyElement(_ name: String, _ attributes: [(String, String?)], depth: Int) -> [UInt8] {
        var bytes = startTag(name, attributes, depth: depth)
        bytes.append(UInt8(ascii: "/"))
        bytes.append(UInt8(ascii: ">"))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Appends `value` escaped as libxml2 escapes an attribute's value, after replacing what no
    /// report can hold as every writer does (`ReportText`). Runs of bytes that need no escaping
    /// are copied whole.
    static func appendAttributeValue(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        if !value.withUTF8({ ReportText.isWritable($0) }) { value = ReportText.writable(value) }
        value.withUTF8 { utf8 in
            var plainStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 0x80 {
                    guard let entity = entity(for: byte) else {
                        index += 1
                        continue
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                    entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
                    index += 1
                } else {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                    index += appendCharacterReference(utf8, at: index, to: &bytes)
                }
                plainStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        }
    }

    /// The entity or character reference an ASCII byte of an attribute's value is written as;
    /// `nil` for one written as it is.
    @inline(__always)
    private static func entity(for byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x09: "&#9;"
        case 0x0A: "&#10;"
        case 0x0D: "&#13;"
        default: nil
        }
    }

    /// Appends the UTF-8 bytes of `text`, read in place.
    private static func appendUTF8(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
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
