import Foundation

/// Looks at the raw bytes of an XML document before libxml2 parses them, and stops what
/// libxml2 2.9 would spend time or memory on before recscan sees a single node, as
/// ``XMLInputPolicy`` rules:
///
/// - a DOCTYPE or any other markup declaration: no internal subset, entity or DTD is ever
///   parsed, so entity bombs and external entities never reach the parser;
/// - too many attributes on one element (libxml2 checks attributes and namespace declarations
///   for duplicates in quadratic time);
/// - a too long attribute value;
/// - elements nested too deep;
/// - too many bytes in all (a file that grows while read);
/// - encodings whose markup bytes the guard cannot see as libxml2 will: UTF-8, UTF-16 and the
///   ISO-8859 and Windows single-byte encodings are read, anything else is refused.
///
/// It is a lexer of markup only (text, tags, quoted values, comments, CDATA, processing
/// instructions); well-formedness is left to libxml2.
struct XMLInputGuard {
    /// Why the input was stopped, at which byte offset.
    struct Stop: Error, Equatable {
        var offset: Int
        var message: String
    }

    private enum State {
        case text, markupStart, bang, commentOpen, comment, cdataOpen, cdata, instruction, endTag, startTag, quoted
    }

    private let policy: XMLInputPolicy
    private(set) var utf16: UTF16Order?
    private var state = State.text
    private(set) var offset = 0
    private var pendingByte: UInt8?
    private var openElements = 0
    private var attributes = 0
    private var valueBytes = 0
    private var quote: UInt8 = 0
    private var lastInTag: UInt8 = 0
    private var run = 0

    /// Byte order of a UTF-16 document.
    enum UTF16Order { case little, big }

    /// Prepares a guard for a document whose first bytes (up to 1 KiB or the whole document)
    /// are `head`: the encoding is decided from them as libxml2 decides it.
    /// - Throws: `Stop` when the encoding is not one the guard can follow.
    init(policy: XMLInputPolicy, head: some Collection<UInt8>) throws {
        self.policy = policy
        utf16 = try XMLEncodingCheck.utf16Order(head: Array(head))
    }

    /// Checks the next bytes of the document, in order.
    /// - Throws: `Stop` at the first byte that breaks a bound.
    mutating func feed(_ buffer: UnsafeRawBufferPointer) throws {
        guard policy.admitsFile(ofBytes: offset + buffer.count) else {
            throw Stop(offset: policy.limits.maxFileBytes, message: policy.message(.readPastLimit))
        }
        if let order = utf16 {
            try feedUTF16(buffer, order: order)
            return
        }
        let bytes = buffer.bindMemory(to: UInt8.self)
        guard let base = bytes.baseAddress else { return }
        try feedUTF8(base, count: bytes.count)
    }

    /// The usual states (text, tags, attribute values, end tags) in tight loops over local
    /// copies of the state, which stay in registers; every other state, byte by byte in `step`.
    private mutating func feedUTF8(_ base: UnsafePointer<UInt8>, count: Int) throws {
        let first = offset
        var index = 0
        var state = self.state
        var lastInTag = self.lastInTag
        var attributes = self.attributes
        var openElements = self.openElements
        var valueBytes = self.valueBytes
        var quote = self.quote
        defer {
            self.state = state
            self.lastInTag = lastInTag
            self.attributes = attributes
            self.openElements = openElements
            self.valueBytes = valueBytes
            self.quote = quote
            offset = first + index
        }
        // Quotes and '>' (all below 64): one shift and mask per byte of a start tag.
        let tagStops: UInt64 = 1 << 0x22 | 1 << 0x27 | 1 << 0x3E
        while index < count {
            switch state {
            case .text:
                index = Self.skipWords(base, from: index, count: count) { ByteWord.marks(of: 0x3C, in: $0) }
                while index < count, base[index] != UInt8(ascii: "<") { index += 1 }
                guard index < count else { return }
                state = .markupStart
                index += 1
            case .startTag:
                let run = index
                index = Self.skipWords(base, from: index, count: count) { word in
                    ByteWord.marks(of: 0x22, in: word) | ByteWord.marks(of: 0x27, in: word)
                        | ByteWord.marks(of: 0x3E, in: word)
                }
                while index < count {
                    let byte = base[index]
                    if byte < 64, tagStops >> byte & 1 != 0 { break }
                    index += 1
                }
                // Only whether the tag ends with "/>" matters; blanks do not count, as in `step`.
                var last = index
                while last > run, Self.isBlank(base[last - 1]) { last -= 1 }
                if last > run { lastInTag = base[last - 1] }
                guard index < count else { return }
                let byte = base[index]
                if byte == UInt8(ascii: ">") {
                    if lastInTag != UInt8(ascii: "/") { openElements += 1 }
                    state = .text
                } else {
                    // An attribute is counted at its value's opening quote.
                    attributes += 1
                    guard policy.admitsAttributes(attributes) else {
                        throw Stop(offset: first + index, message: policy.message(.tooManyAttributes))
                    }
                    state = .quoted
                    quote = byte
                    valueBytes = 0
                }
                index += 1
            case .quoted:
                let run = index
                let quoteByte = quote
                index = Self.skipWords(base, from: index, count: count) { ByteWord.marks(of: quoteByte, in: $0) }
                while index < count, base[index] != quote { index += 1 }
                guard policy.admitsAttributeValue(ofBytes: valueBytes + index - run) else {
                    // At the first byte over the limit, as `step` stops.
                    throw Stop(
                        offset: first + run + policy.limits.maxAttributeBytes - valueBytes,
                        message: policy.message(.attributeTooLong))
                }
                valueBytes += index - run
                guard index < count else { return }
                state = .startTag
                lastInTag = quote
                index += 1
            case .endTag:
                index = Self.skipWords(base, from: index, count: count) { ByteWord.marks(of: 0x3E, in: $0) }
                while index < count, base[index] != UInt8(ascii: ">") { index += 1 }
                guard index < count else { return }
                openElements = max(0, openElements - 1)
                state = .text
                index += 1
            case .markupStart where base[index] != UInt8(ascii: "!") && base[index] != UInt8(ascii: "?"):
                let byte = base[index]
                if byte == UInt8(ascii: "/") {
                    state = .endTag
                } else {
                    guard policy.admitsElement(atDepth: openElements) else {
                        throw Stop(offset: first + index, message: policy.message(.tooDeep))
                    }
                    state = .startTag
                    attributes = 0
                    lastInTag = byte
                }
                index += 1
            default:
                // Comments, CDATA, processing instructions and declarations: rare, and each
                // byte matters; the state goes through `self` and back.
                self.state = state
                self.openElements = openElements
                offset = first + index
                try step(base[index], width: 1)
                state = self.state
                index += 1
            }
        }
    }

    /// Skips whole 8-byte words in which `stops` marks no byte, and returns the position of the
    /// first marked byte's word or of the last bytes that do not fill a word; the byte loops go
    /// on from there. Eight bytes per step instead of one: most of an inventory is the names,
    /// values and text between the few bytes the guard looks at.
    @inline(__always)
    private static func skipWords(
        _ base: UnsafePointer<UInt8>, from start: Int, count: Int, stops: (UInt64) -> UInt64
    ) -> Int {
        var index = start
        while index &+ 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let marked = stops(word)
            if marked != 0 { return index &+ marked.trailingZeroBitCount >> 3 }
            index &+= 8
        }
        return index
    }

    /// The XML blanks a tag may hold between its parts.
    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Checks bytes one at a time through `step` alone: what `feed` must agree with (tests).
    mutating func feedByteByByte(_ buffer: UnsafeRawBufferPointer) throws {
        guard utf16 == nil else { return try feed(buffer) }
        for byte in buffer {
            try step(byte, width: 1)
            offset += 1
        }
    }

    /// UTF-16: markup characters are single units; any other unit counts as one non-markup character.
    private mutating func feedUTF16(_ buffer: UnsafeRawBufferPointer, order: UTF16Order) throws {
        for byte in buffer {
            guard let first = pendingByte else {
                pendingByte = byte
                continue
            }
            pendingByte = nil
            let unit = order == .little ? UInt16(first) | UInt16(byte) << 8 : UInt16(first) << 8 | UInt16(byte)
            try step(unit < 0x80 ? UInt8(unit) : 0x80, width: 2)
            offset += 2
        }
    }

    private func checkValue(at position: Int) throws {
        guard policy.admitsAttributeValue(ofBytes: valueBytes) else {
            throw Stop(offset: position, message: policy.message(.attributeTooLong))
        }
    }

    // One character of markup (ASCII, or 0x80 for any other), `width` bytes long.
    private mutating func step(_ character: UInt8, width: Int) throws {
        switch state {
        case .text:
            if character == UInt8(ascii: "<") { state = .markupStart }
        case .markupStart:
            switch character {
            case UInt8(ascii: "!"): state = .bang
            case UInt8(ascii: "?"): state = .instruction
            case UInt8(ascii: "/"): state = .endTag
            default:
                guard policy.admitsElement(atDepth: openElements) else {
                    throw Stop(offset: offset, message: policy.message(.tooDeep))
                }
                state = .startTag
                attributes = 0
                lastInTag = character
            }
            run = 0
        case .bang:
            switch character {
            case UInt8(ascii: "-"): state = .commentOpen
            case UInt8(ascii: "["): state = .cdataOpen
            case UInt8(ascii: "D"), UInt8(ascii: "d"):
                throw Stop(offset: offset - 2 * width, message: policy.message(.doctype))
            default:
                throw Stop(offset: offset - 2 * width, message: policy.message(.markupDeclaration))
            }
        case .commentOpen:
            guard character == UInt8(ascii: "-") else {
                throw Stop(offset: offset, message: "has a malformed comment (<!- without a second -)")
            }
            state = .comment
        case .comment:
            if character == UInt8(ascii: ">"), run >= 2 { state = .text }
            run = character == UInt8(ascii: "-") ? run + 1 : 0
        case .cdataOpen:
            let expected = Array("CDATA[".utf8)
            guard character == expected[run] else {
                throw Stop(offset: offset, message: "has a malformed CDATA section (<![ not followed by CDATA[)")
            }
            run += 1
            if run == expected.count {
                state = .cdata
                run = 0
            }
        case .cdata:
            if character == UInt8(ascii: ">"), run >= 2 { state = .text }
            run = character == UInt8(ascii: "]") ? run + 1 : 0
        case .instruction:
            if character == UInt8(ascii: ">"), run == 1 { state = .text }
            run = character == UInt8(ascii: "?") ? 1 : 0
        case .endTag:
            if character == UInt8(ascii: ">") {
                openElements = max(0, openElements - 1)
                state = .text
            }
        case .startTag:
            try tagCharacter(character)
        case .quoted:
            if character == quote {
                state = .startTag
                lastInTag = character
            } else {
                valueBytes += width
                try checkValue(at: offset)
            }
        }
    }

    private mutating func tagCharacter(_ character: UInt8) throws {
        switch character {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            // An attribute is counted at its value's opening quote: one stop fewer per
            // attribute in the fast loop than at its '='.
            attributes += 1
            guard policy.admitsAttributes(attributes) else {
                throw Stop(offset: offset, message: policy.message(.tooManyAttributes))
            }
            state = .quoted
            quote = character
            valueBytes = 0
        case UInt8(ascii: ">"):
            if lastInTag != UInt8(ascii: "/") { openElements += 1 }
            state = .text
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            break
        default:
            lastInTag = character
        }
    }
}

/// Line and column (1-based; columns in bytes, or in UTF-16 units for UTF-16) after some bytes.
struct TextPosition {
    let utf16: XMLInputGuard.UTF16Order?
    private(set) var line = 1
    private(set) var column = 1
    private var pending: UInt8?

    init(utf16: XMLInputGuard.UTF16Order?) { self.utf16 = utf16 }

    /// Moves past `bytes`.
    mutating func advance(over bytes: some Collection<UInt8>) {
        for byte in bytes {
            var isNewline = byte == 0x0A
            if let order = utf16 {
                guard let first = pending else {
                    pending = byte
                    continue
                }
                pending = nil
                isNewline = order == .little ? first == 0x0A && byte == 0 : first == 0 && byte == 0x0A
            }
            if isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
    }
}
