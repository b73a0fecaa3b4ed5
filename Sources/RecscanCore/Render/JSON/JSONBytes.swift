/// JSON text built by appending bytes, for `report.json`: no encoder, no dictionaries, keys in
/// the order the code writes them.
///
/// Strings are escaped per RFC 8259: `"` and `\` with a backslash, the control characters
/// U+0000 to U+001F as `\b`, `\f`, `\n`, `\r`, `\t` or `\u00XX`; everything else, non-ASCII
/// included, is copied as its UTF-8 bytes (a Swift string is always valid UTF-8).
///
/// Objects are written by their caller: `open` starts one with its first key, `key` adds the
/// next (with the comma), `close` ends it. Keys given as `StaticString` are the report's own
/// names and are written as they are; names that come from data go through `dynamicKey`.
struct JSONBytes: ~Copyable {
    /// The text so far.
    var buffer: RenderBuffer

    init(capacity: Int = 0) { buffer = RenderBuffer(capacity: capacity) }

    /// A copy of the text so far.
    var bytes: [UInt8] { buffer.array }

    /// Appends `text` unchanged: punctuation, literals and the report's own key names.
    mutating func raw(_ text: StaticString) { buffer.append(text) }

    /// Appends bytes that are already JSON text.
    mutating func raw(_ text: [UInt8]) { buffer.append(text) }

    /// `{"name":`: starts an object with its first key.
    mutating func open(_ name: StaticString) { punctuated(UInt8(ascii: "{"), name) }

    /// `,"name":`: the next key of an object.
    mutating func key(_ name: StaticString) { punctuated(UInt8(ascii: ","), name) }

    /// `,` and a line end, then `"name":`: a key that starts a line of its own.
    mutating func lineKey(_ name: StaticString) {
        buffer.append(UInt8(ascii: ","))
        punctuated(0x0A, name)
    }

    /// `lead"name":` in one go.
    @inline(__always)
    private mutating func punctuated(_ lead: UInt8, _ name: StaticString) {
        name.withUTF8Buffer { name in
            buffer.reserve(name.count + 4)
            buffer.unchecked(lead)
            buffer.unchecked(UInt8(ascii: "\""))
            buffer.unchecked(name)
            buffer.unchecked(UInt8(ascii: "\""))
            buffer.unchecked(UInt8(ascii: ":"))
        }
    }

    /// `,"name":` for a name that comes from data, escaped as a string.
    mutating func dynamicKey(_ name: String) {
        buffer.append(UInt8(ascii: ","))
        string(name)
        buffer.append(UInt8(ascii: ":"))
    }

    /// `}`.
    mutating func close() { buffer.append(UInt8(ascii: "}")) }

    /// Appends `value` as a quoted, escaped JSON string.
    mutating func string(_ value: String) {
        buffer.append(UInt8(ascii: "\""))
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if done == nil { Array(value.utf8).withUnsafeBufferPointer { appendEscaped($0) } }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends a string known to need no escaping (a name of the report's vocabulary, such as
    /// an outcome), quoted.
    mutating func plainString(_ value: String) {
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            buffer.reserve(utf8.count + 2)
            buffer.unchecked(UInt8(ascii: "\""))
            buffer.unchecked(utf8)
            buffer.unchecked(UInt8(ascii: "\""))
        }
        if done == nil { string(value) }
    }

    /// Appends `value` as a JSON number.
    mutating func number(_ value: Int) { buffer.append(decimal: value) }

    /// Appends `true` or `false`.
    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// `,"name":"value"`, or nothing when `value` is `nil` (as XML leaves out the attribute).
    mutating func optional(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// `,"name":value` for a count.
    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        number(value)
    }

    /// `,"name":"value"`.
    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    /// `,"name":"value"` for a word of the report's vocabulary (an outcome, a level), which
    /// needs no escaping.
    mutating func field(_ name: StaticString, word value: String) {
        key(name)
        plainString(value)
    }

    /// `field(_:word:)`, or nothing when `value` is `nil`.
    mutating func optional(_ name: StaticString, word value: String?) {
        guard let value else { return }
        key(name)
        plainString(value)
    }

    /// `,"name":true` or `false`.
    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `,"name":[...]` with `element` writing each item; commas between items.
    mutating func array<Element>(
        _ name: StaticString, _ items: [Element], _ element: (inout JSONBytes, Element) -> Void
    ) {
        key(name)
        buffer.append(UInt8(ascii: "["))
        for (position, item) in items.enumerated() {
            if position > 0 { buffer.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// `,"name":["a","b"]`.
    mutating func strings(_ name: StaticString, _ items: [String]) {
        array(name, items) { json, item in json.string(item) }
    }

    /// Copies `utf8`, escaping what JSON strings cannot hold as it is; runs of plain bytes are
    /// copied at once.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < utf8.count {
            let special = ByteWord.firstIndex(
                in: utf8, from: start,
                wordMayHold: { word in
                    ByteWord.hasByte(below: 0x20, in: word) || ByteWord.has(UInt8(ascii: "\""), in: word)
                        || ByteWord.has(UInt8(ascii: "\\"), in: word)
                },
                special: { byte in byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") })
            buffer.append(UnsafeBufferPointer(rebasing: utf8[start..<special]))
            guard special < utf8.count else { return }
            appendEscape(of: utf8[special])
            start = special + 1
        }
    }

    private mutating func appendEscape(of byte: UInt8) {
        buffer.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        case 0x0A: buffer.append(UInt8(ascii: "n"))
        case 0x0D: buffer.append(UInt8(ascii: "r"))
        case 0x09: buffer.append(UInt8(ascii: "t"))
        default:
            func hex(_ digit: UInt8) -> UInt8 {
                digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            }
            buffer.append("u00")
            buffer.append(hex(byte >> 4))
            buffer.append(hex(byte & 0xF))
        }
    }
}
