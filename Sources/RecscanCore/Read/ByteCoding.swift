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

    mutating func u32() throws -> UInt32 { UInt32(truncatingIfNeeded: try fixed(width: 4)) }
    mutating func u64() throws -> UInt64 { try fixed(width: 8) }
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
        if text.allSatisfy({ $0 < 0x80 }) { return String(decoding: text, as: UTF8.self) }
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

    mutating func strings() throws -> [String] {
        let count = try count()
        // Most lists are empty: no buffer is reserved for them.
        guard count > 0 else { return [] }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count { texts.append(try string()) }
        return texts
    }

    /// A little-endian number of `width` bytes.
    private mutating func fixed(width: Int) throws -> UInt64 {
        guard width <= bytes.count - position else { throw damaged }
        var value: UInt64 = 0
        for offset in (0..<width).reversed() { value = value << 8 | UInt64(bytes[position + offset]) }
        position += width
        return value
    }
}
