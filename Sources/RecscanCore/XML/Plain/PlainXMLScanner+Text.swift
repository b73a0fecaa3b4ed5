/// What ``PlainXMLScanner`` reads between tags: text, comments, and the XML declaration.
extension PlainXMLScanner {
    /// Character data up to the next `<`, checked as libxml2 checks it.
    mutating func scanText() throws(Declined) {
        if wantsText { return try scanKeptText() }
        while true {
            index = PlainXMLBytes.runEnd(base, from: index, to: end, stops: PlainXMLBytes.textStops)
            guard index < end else { throw Declined() }
            switch base[index] {
            case UInt8(ascii: "<"):
                return
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
            case UInt8(ascii: "\t"):
                index += 1
            case UInt8(ascii: "&"):
                _ = try scanReference()
            case UInt8(ascii: ">"):
                try checkNotCDATAEnd()
                index += 1
            case 0x80...:
                index += try characterWidth()
            default:
                throw Declined()
            }
        }
    }

    /// "]]>" may not appear in text; at a `>` in text, the two bytes before are text too, since
    /// tags and comments end with ">".
    func checkNotCDATAEnd() throws(Declined) {
        if index >= 2, base[index - 1] == UInt8(ascii: "]"), base[index - 2] == UInt8(ascii: "]") {
            throw Declined()
        }
    }

    /// `scanText`, keeping the text as pending when it is not only blanks (decoded into the
    /// copies once it has a reference).
    mutating func scanKeptText() throws(Declined) {
        let start = index
        var copyStart = -1
        var blank = true
        while true {
            let runStart = index
            let position = PlainXMLBytes.runEnd(base, from: runStart, to: end, stops: PlainXMLBytes.textStops)
            index = position
            if blank { blank = !(runStart..<position).contains { base[$0] != 0x20 } }
            if copyStart >= 0 {
                document.copies.append(
                    contentsOf: UnsafeBufferPointer(start: base + runStart, count: position - runStart))
            }
            guard index < end else { throw Declined() }
            let byte = base[index]
            var width = 1
            switch byte {
            case UInt8(ascii: "<"):
                try keepText(from: start, copyStart: copyStart, blank: blank)
                return
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: "\t"):
                break
            case UInt8(ascii: "&"):
                let ampersand = index
                let scalar = try scanReference()
                if copyStart < 0 {
                    copyStart = document.copies.count
                    document.copies.append(
                        contentsOf: UnsafeBufferPointer(start: base + start, count: ampersand - start))
                }
                if !(scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r") { blank = false }
                appendCopy(of: scalar)
                continue
            case UInt8(ascii: ">"):
                try checkNotCDATAEnd()
                blank = false
            case 0x80...:
                width = try characterWidth()
                blank = false
            default:
                throw Declined()
            }
            if copyStart >= 0 {
                document.copies.append(contentsOf: UnsafeBufferPointer(start: base + index, count: width))
            }
            index += width
        }
    }

    /// Keeps the text just scanned as pending, unless it is only blanks; one too long for
    /// the policy is libxml2's to refuse.
    mutating func keepText(from start: Int, copyStart: Int, blank: Bool) throws(Declined) {
        let count = copyStart >= 0 ? document.copies.count - copyStart : index - start
        guard policy.admitsText(ofBytes: count) else { throw Declined() }
        guard !blank else { return }
        pendingText = copyStart >= 0 ? (Int32(copyStart), Int32(count), true) : (Int32(start), Int32(count), false)
    }

    /// Blanks and comments, before and after the root element.
    mutating func scanMisc() throws(Declined) {
        while true {
            skipSpaces()
            guard index + 3 < end, base[index] == UInt8(ascii: "<"), base[index + 1] == UInt8(ascii: "!") else {
                return
            }
            try scanComment()
        }
    }

    /// A comment, at its `<`: `<!--` then no `--` before the closing `-->`. Other `<!` markup
    /// (CDATA, declarations) is declined.
    mutating func scanComment() throws(Declined) {
        guard index + 3 < end, base[index + 2] == UInt8(ascii: "-"), base[index + 3] == UInt8(ascii: "-") else {
            throw Declined()
        }
        index += 4
        while index < end {
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "-"):
                if index + 1 < end, base[index + 1] == UInt8(ascii: "-") {
                    guard index + 2 < end, base[index + 2] == UInt8(ascii: ">") else { throw Declined() }
                    index += 3
                    flushText(depth: open.count)
                    return
                }
                index += 1
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
            case UInt8(ascii: "\t"), 0x20..<0x80:
                index += 1
            case 0x80...:
                index += try characterWidth()
            default:
                throw Declined()
            }
        }
        throw Declined()
    }

    /// `<?xml version="1.0" [encoding="UTF-8"] [standalone="yes"|"no"] ?>`, exactly: another
    /// version or encoding is libxml2's to read.
    mutating func scanDeclaration() throws(Declined) {
        index += 5
        guard skipSpaces() else { throw Declined() }
        try scanPseudoAttribute(PlainXMLBytes.version, accepting: PlainXMLBytes.versions)
        var spaced = skipSpaces()
        if spaced, startsWith(PlainXMLBytes.encoding) {
            try scanPseudoAttribute(PlainXMLBytes.encoding, accepting: PlainXMLBytes.encodings)
            spaced = skipSpaces()
        }
        if spaced, startsWith(PlainXMLBytes.standalone) {
            try scanPseudoAttribute(PlainXMLBytes.standalone, accepting: PlainXMLBytes.standalones)
            skipSpaces()
        }
        guard startsWith(Array("?>".utf8)) else { throw Declined() }
        index += 2
    }

    /// `name = "value"` in the declaration, with one of the `accepted` values.
    mutating func scanPseudoAttribute(_ name: [UInt8], accepting accepted: [[UInt8]]) throws(Declined) {
        let start = index
        try scanName()
        guard index - start == name.count, matches(start, name) else { throw Declined() }
        skipSpaces()
        guard index < end, base[index] == UInt8(ascii: "=") else { throw Declined() }
        index += 1
        skipSpaces()
        let value = try scanValue()
        guard !value.isCopy,
            accepted.contains(where: { $0.count == Int(value.count) && matches(Int(value.start), $0) })
        else { throw Declined() }
    }
}
