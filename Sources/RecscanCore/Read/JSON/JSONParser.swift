/// A strict JSON parser (RFC 8259) that keeps the line of every value and reports problems with
/// line and column. It reads one document or a sequence of them (concatenated `osqueryi --json`
/// results, or a results log with one object per line), bounded in nesting depth and string
/// length. Strings must be UTF-8 (RFC 8259 §8.1): invalid bytes are an error, not replaced.
struct JSONParser {
    private let bytes: [UInt8]
    private let file: String
    private let maxDepth: Int
    private let maxStringBytes: Int
    /// A parsed value costs far more memory than its text (`1,` is two bytes, its node about 32),
    /// so a document may hold at most one value per 32 bytes of the size limit: the tree stays
    /// within about the size limit, whatever the file holds.
    private let maxValues: Int
    private var values = 0
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    init(bytes: [UInt8], file: String, limits: InputLimits) {
        self.bytes = bytes
        self.file = file
        maxDepth = limits.maxDepth
        maxStringBytes = limits.maxAttributeBytes
        maxValues = max(1, limits.maxFileBytes / 32)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        lineStart = index
    }

    /// The next top-level value, or `nil` at the end of the input.
    mutating func nextDocument() throws -> JSONNode? {
        skipWhitespace()
        guard index < bytes.count else { return nil }
        return try value()
    }

    /// The only top-level value of the input.
    mutating func singleDocument() throws -> JSONNode {
        guard let document = try nextDocument() else { throw error("is empty; expected a JSON value") }
        skipWhitespace()
        guard index >= bytes.count else { throw error("has more than one JSON value; expected the end of the file") }
        return document
    }

    /// An error at the current position.
    func error(_ message: String) -> InputError {
        InputError(file: file, line: line, column: index - lineStart + 1, message: message)
    }

    private mutating func value() throws -> JSONNode {
        values += 1
        guard values <= maxValues else {
            throw error("has more than \(maxValues) JSON values (one per 32 bytes of the file size limit)")
        }
        skipWhitespace()
        let startLine = line
        guard index < bytes.count else { throw error("is not valid JSON: unexpected end of file, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONNode(line: startLine, value: try object())
        case UInt8(ascii: "["): return JSONNode(line: startLine, value: try array())
        case UInt8(ascii: "\""): return JSONNode(line: startLine, value: .string(try string()))
        case UInt8(ascii: "t"): return JSONNode(line: startLine, value: try literal("true", .bool(true)))
        case UInt8(ascii: "f"): return JSONNode(line: startLine, value: try literal("false", .bool(false)))
        case UInt8(ascii: "n"): return JSONNode(line: startLine, value: try literal("null", .null))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(line: startLine, value: .number(try number()))
        default:
            throw error("is not valid JSON: unexpected \(describe(bytes[index])), expected a value")
        }
    }

    private mutating func object() throws -> JSONValue {
        try enter()
        index += 1
        var members: [String: JSONNode] = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw unexpected("a member name in double quotes") }
            let key = try string()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw unexpected("':' after the member name \"\(key)\"") }
            index += 1
            members[key] = try value()
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                continue
            }
            guard peek(UInt8(ascii: "}")) else { throw unexpected("',' or '}' after an object member") }
            index += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func array() throws -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                continue
            }
            guard peek(UInt8(ascii: "]")) else { throw unexpected("',' or ']' after an array element") }
            index += 1
            depth -= 1
            return .array(elements)
        }
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= maxDepth else { throw error("nests JSON values deeper than \(maxDepth) levels") }
    }

    private mutating func string() throws -> String {
        let (startLine, startColumn) = (line, index - lineStart + 1)
        func tooLong() -> InputError {
            InputError(
                file: file, line: startLine, column: startColumn,
                message: "has a string longer than \(maxStringBytes) bytes")
        }
        func invalid() -> InputError {
            InputError(
                file: file, line: startLine, column: startColumn,
                message: "is not valid JSON: a string is not valid UTF-8")
        }
        index += 1
        // Most strings have no escape: they become a string straight from the document's bytes.
        let first = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
            bytes[index] >= 0x20
        {
            index += 1
        }
        guard index - first <= maxStringBytes else { throw tooLong() }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            guard let text = String(validating: bytes[first..<(index - 1)], as: UTF8.self) else { throw invalid() }
            return text
        }
        var buffer = Array(bytes[first..<index])
        while index < bytes.count {
            let byte = bytes[index]
            guard buffer.count <= maxStringBytes else { throw tooLong() }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else { throw invalid() }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &buffer)
            case 0..<0x20:
                throw error("is not valid JSON: a control character inside a string (escape it)")
            default:
                buffer.append(byte)
                index += 1
            }
        }
        throw error("is not valid JSON: unterminated string")
    }

    private mutating func escape(into buffer: inout [UInt8]) throws {
        guard index < bytes.count else { throw error("is not valid JSON: unterminated string") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), bytes[index...].starts(with: Array("\\u".utf8)) {
                index += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
            }
            // A lone surrogate is not a Unicode scalar: it becomes U+FFFD, as decoders do.
            buffer.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
        default:
            index -= 1
            throw error("is not valid JSON: unknown escape \\\(describe(byte))")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("is not valid JSON: \\u needs four hex digits") }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            guard let digit = hexDigit(byte) else { throw error("is not valid JSON: \\u needs four hex digits") }
            value = value * 16 + digit
        }
        index += 4
        return value
    }

    private func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func number() throws -> String {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard try digits() > 0 else { throw error("is not valid JSON: a number needs digits") }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard try digits() > 0 else { throw error("is not valid JSON: a number needs digits after '.'") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard try digits() > 0 else { throw error("is not valid JSON: an exponent needs digits") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func digits() throws -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: String, _ result: JSONValue) throws -> JSONValue {
        guard bytes[index...].starts(with: Array(word.utf8)) else { throw unexpected("a value") }
        index += word.utf8.count
        return result
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private func unexpected(_ expected: String) -> InputError {
        guard index < bytes.count else {
            return error("is not valid JSON: unexpected end of file, expected \(expected)")
        }
        return error("is not valid JSON: unexpected \(describe(bytes[index])), expected \(expected)")
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
