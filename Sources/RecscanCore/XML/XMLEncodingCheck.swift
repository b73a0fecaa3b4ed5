/// Decides a document's encoding from its first bytes the way libxml2 2.9 does, and refuses the
/// encodings in which ``XMLInputGuard`` could not see markup as libxml2 will see it.
enum XMLEncodingCheck {
    /// Declared encodings read as bytes: ASCII is ASCII in all of them.
    private static let singleByte: Set<String> = {
        var names: Set<String> = ["utf-8", "utf8", "us-ascii", "ascii", "latin1", "latin-1"]
        for number in 1...16 { names.formUnion(["iso-8859-\(number)", "iso8859-\(number)", "iso_8859-\(number)"]) }
        for number in 0...8 { names.formUnion(["windows-125\(number)", "cp125\(number)"]) }
        return names
    }()

    /// `nil` for a byte-oriented document (UTF-8 or a single-byte encoding), else the UTF-16
    /// byte order.
    /// - Throws: `XMLInputGuard.Stop` for UCS-4, EBCDIC or a declared encoding that would make
    ///   libxml2 decode the rest of the document differently.
    static func utf16Order(head: [UInt8]) throws -> XMLInputGuard.UTF16Order? {
        let order: XMLInputGuard.UTF16Order?
        switch head.count >= 4 ? Array(head[0..<4]) : head {
        case [0, 0, 0, 0x3C], [0x3C, 0, 0, 0], [0, 0, 0x3C, 0], [0, 0x3C, 0, 0]:
            throw XMLInputGuard.Stop(offset: 0, message: "is UCS-4 encoded; recscan reads UTF-8 and UTF-16 XML")
        case [0x4C, 0x6F, 0xA7, 0x94]:
            throw XMLInputGuard.Stop(offset: 0, message: "is EBCDIC encoded; recscan reads UTF-8 and UTF-16 XML")
        case [0x3C, 0, 0x3F, 0]: order = .little
        case [0, 0x3C, 0, 0x3F]: order = .big
        case let first where first.starts(with: [0xFE, 0xFF]): order = .big
        case let first where first.starts(with: [0xFF, 0xFE]): order = .little
        default: order = nil
        }
        guard let declared = declaredEncoding(head: head, order: order)?.lowercased() else { return order }
        switch order {
        case nil:
            guard singleByte.contains(declared) else {
                throw XMLInputGuard.Stop(
                    offset: 0,
                    message:
                        "declares encoding \"\(declared)\"; recscan reads UTF-8, UTF-16, ISO-8859 and Windows-125x XML")
            }
        case .little?, .big?:
            let sameOrder = order == .little ? "utf-16le" : "utf-16be"
            guard ["utf-16", "utf16", "utf-8", "utf8", sameOrder].contains(declared) else {
                throw XMLInputGuard.Stop(
                    offset: 0, message: "is UTF-16 but declares encoding \"\(declared)\"")
            }
        }
        return order
    }

    /// The `encoding` of the XML declaration at the start of `head`, if there is one.
    private static func declaredEncoding(head: [UInt8], order: XMLInputGuard.UTF16Order?) -> String? {
        var characters: [UInt8] = []
        if let order {
            var index = 0
            while index + 1 < head.count {
                let unit =
                    order == .little
                    ? UInt16(head[index]) | UInt16(head[index + 1]) << 8
                    : UInt16(head[index]) << 8 | UInt16(head[index + 1])
                characters.append(unit < 0x80 ? UInt8(unit) : 0x80)
                index += 2
            }
        } else {
            characters = head
        }
        if characters.starts(with: [0xEF, 0xBB, 0xBF]) { characters.removeFirst(3) }
        if characters.first == 0x80 { characters.removeFirst() }  // a UTF-16 byte order mark
        guard characters.starts(with: Array("<?xml".utf8)),
            let end = characters.firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        // On the bytes: Foundation's string search cost 30,000 instructions per file.
        let declaration = characters[..<end]
        let name = Array("encoding".utf8)
        guard
            let at = declaration.indices.first(where: { declaration[$0...].starts(with: name) })
        else { return nil }
        let rest = declaration[(at + name.count)...].drop { Self.isSeparator($0) }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        return String(decoding: rest.dropFirst().prefix { $0 != quote }, as: UTF8.self)
    }

    /// Blanks and `=` between `encoding` and its quoted value.
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }
}
