/// Appends fixed-width little-endian numbers, strings and lists to a byte array (the compiled
/// catalog's encoding).
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ more: [UInt8]) { bytes += more }
    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }
    mutating func count(_ value: Int) { u32(UInt32(truncatingIfNeeded: value)) }

    mutating func string(_ text: String) {
        count(text.utf8.count)
        bytes += text.utf8
    }

    mutating func optionalString(_ text: String?) {
        guard let text else { return u8(0) }
        u8(1)
        string(text)
    }

    mutating func optionalInt(_ value: Int?) {
        guard let value else { return u8(0) }
        u8(1)
        int(value)
    }

    mutating func strings(_ texts: [String]) {
        count(texts.count)
        for text in texts { string(text) }
    }
}

/// Reads what `ByteWriter` wrote, checking each read against the bytes left: a damaged or
/// hostile input ends in `CompiledCatalogError`, never past the end. Reads through a pointer,
/// so it lives only inside `withUnsafeBufferPointer` (see `read(_:_:)`).
struct ByteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// What `body` reads from `bytes`.
    static func read<Result>(_ bytes: ArraySlice<UInt8>, _ body: (inout ByteReader) throws -> Result) throws -> Result {
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = ByteReader(buffer)
            return try body(&reader)
        }
    }

    var isAtEnd: Bool { position == bytes.count }

    /// The error for a field that cannot be what the layout says.
    var damaged: CompiledCatalogError {
        CompiledCatalogError(reason: "is damaged (at byte \(position) of its payload)")
    }

    mutating func u8() throws -> UInt8 {
        guard position < bytes.count else { throw damaged }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u32() throws -> UInt32 { UInt32(littleEndian: try fixed(UInt32.self)) }
    mutating func u64() throws -> UInt64 { UInt64(littleEndian: try fixed(UInt64.self)) }
    mutating func int() throws -> Int { Int(truncatingIfNeeded: Int64(bitPattern: try u64())) }

    /// A list's count, at most the bytes left (every element takes at least one): a damaged count
    /// cannot make the reader reserve room for billions.
    mutating func count() throws -> Int {
        let value = Int(try u32())
        guard value <= bytes.count - position else { throw damaged }
        return value
    }

    mutating func string() throws -> String {
        let length = Int(try u32())
        guard length <= bytes.count - position else { throw damaged }
        let text = UnsafeBufferPointer(rebasing: bytes[position..<position + length])
        position += length
        // Nearly every string is ASCII, which is valid UTF-8 as it is: only the others are
        // validated (the standard library's validating initializer is several times slower).
        if Self.isASCII(text) { return String(decoding: text, as: UTF8.self) }
        guard let validated = String(validating: text, as: UTF8.self) else { throw damaged }
        return validated
    }

    mutating func optionalString() throws -> String? {
        switch try u8() {
        case 0: return nil
        case 1: return try string()
        default: throw damaged
        }
    }

    mutating func optionalInt() throws -> Int? {
        switch try u8() {
        case 0: return nil
        case 1: return try int()
        default: throw damaged
        }
    }

    mutating func strings() throws -> [String] { try list { try $0.string() } }

    /// A list: its count, then each element as `element` reads it; made to size, and no buffer
    /// at all for the many empty ones.
    mutating func list<Element>(_ element: (inout ByteReader) throws -> Element) throws -> [Element] {
        let count = try count()
        guard count > 0 else { return [] }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try element(&self)) }
        return elements
    }

    /// Whether every byte is below 0x80, eight at a time.
    private static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var bits: UInt64 = 0
        var index = 0
        while index + 8 <= text.count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < text.count {
            bits |= UInt64(text[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// The next `Number`'s bytes as they are (little-endian in the file), read in one load.
    private mutating func fixed<Number: FixedWidthInteger>(_: Number.Type) throws -> Number {
        let width = MemoryLayout<Number>.size
        guard width <= bytes.count - position else { throw damaged }
        let value = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: position, as: Number.self)
        position += width
        return value
    }
}
