internal import CLibXML2

/// Reads the XML that inventories almost always are, in one pass and without libxml2: UTF-8,
/// elements and unprefixed attributes in no namespace or a default one, comments, the five
/// predefined entities and character references, LF line ends. Anything else is declined:
/// another encoding, a DOCTYPE, CDATA, processing instructions, prefixes, CR bytes, anything
/// malformed or near a bound of ``XMLInputPolicy``. A declined file is read by libxml2 behind
/// ``XMLInputGuard`` as before, which words its errors.
///
/// So the rule is one-sided: what this accepts, libxml2 must accept and report identically
/// (`PlainXMLScannerTests` checks it against libxml2 over generated and mutated documents).
/// What it declines costs only time.
struct PlainXMLScanner: ~Copyable {
    struct Declined: Error {}

    /// Larger files are streamed through libxml2, so memory stays bounded whatever the file.
    static let largestFile = 8 << 20

    let base: UnsafePointer<UInt8>
    let end: Int
    let policy: XMLInputPolicy
    var index = 0
    var line: Int32 = 1
    var document: PlainXMLDocument
    /// Open elements: the name's offset among the names and its bytes in the file, and the
    /// default namespace in scope.
    var open = GrowingList<OpenElement>()
    /// Per position in a tag (0 the element's name, then its attributes), the name found
    /// there last: see ``PlainXMLNames/offset(of:count:hint:)``.
    var hints = GrowingList<Int32>()
    /// Whether character data is kept (see ``XMLSAXReader``), and the text not yet handed over.
    let wantsText: Bool
    var pendingText: (start: Int32, count: Int32, isCopy: Bool)?

    struct OpenElement {
        var name: Int32
        var start: Int
        var count: Int
        var namespace: Int32
    }

    private init(base: UnsafePointer<UInt8>, end: Int, policy: XMLInputPolicy, text: Bool) {
        self.base = base
        wantsText = text
        self.end = end
        self.policy = policy
        document = PlainXMLDocument(fileBytes: end)
        for _ in 0...max(policy.limits.maxAttributes, 0) { hints.append(-1) }
    }

    /// Reads `file` and shows its elements (and its text, when `text` is true) to `body`;
    /// `false`, without calling `body`, when libxml2 must read it.
    static func scan(
        _ file: UnsafeBufferPointer<UInt8>, policy: XMLInputPolicy, text: Bool = false,
        _ body: (borrowing PlainXMLDocument) throws -> Void
    ) rethrows -> Bool {
        guard let base = file.baseAddress, policy.admitsFile(ofBytes: file.count), file.count < Int(Int32.max)
        else { return false }
        var scanner = PlainXMLScanner(base: base, end: file.count, policy: policy, text: text)
        do {
            try scanner.scanDocument()
        } catch {
            return false
        }
        try body(scanner.document)
        return true
    }

    private mutating func scanDocument() throws(Declined) {
        if startsWith([0xEF, 0xBB, 0xBF]) { index = 3 }
        if startsWith(Array("<?xml".utf8)) { try scanDeclaration() }
        try scanMisc()
        guard index < end else { throw Declined() }
        try scanStartTag()
        while open.count > 0 {
            // A file of tiny elements would hold many times its size in events: past a bound,
            // libxml2 streams it instead.
            guard document.events.count < PlainXMLBytes.mostEvents, document.attributes.count < PlainXMLBytes.mostEvents
            else { throw Declined() }
            try scanText()
            guard index + 1 < end else { throw Declined() }
            switch base[index + 1] {
            case UInt8(ascii: "/"): try scanEndTag()
            case UInt8(ascii: "!"): try scanComment()
            default: try scanStartTag()
            }
        }
        try scanMisc()
        guard index == end else { throw Declined() }
    }

    // MARK: Elements

    /// A start tag, at its `<`; an empty element's end too.
    private mutating func scanStartTag() throws(Declined) {
        guard base[index] == UInt8(ascii: "<"), policy.admitsElement(atDepth: open.count) else { throw Declined() }
        index += 1
        let nameStart = index
        let name = try scanName(hint: 0)
        let nameCount = index - nameStart
        var namespace = open.count > 0 ? open[open.count - 1].namespace : -1
        var declaredNamespace = false
        let firstAttribute = document.attributes.count
        var written = 0
        var isEmpty = false
        while true {
            let attributeStart: Int
            let attributeName: Int32
            let attributeCount: Int
            if let usual = usualAttributeName(position: written + 1) {
                (attributeStart, attributeName, attributeCount) = usual
            } else {
                let spaced = skipSpaces()
                guard index < end else { throw Declined() }
                let byte = base[index]
                if byte == UInt8(ascii: ">") {
                    break
                } else if byte == UInt8(ascii: "/") {
                    guard index + 1 < end, base[index + 1] == UInt8(ascii: ">") else { throw Declined() }
                    isEmpty = true
                    break
                }
                guard spaced, policy.admitsAttributes(written + 1) else { throw Declined() }
                attributeStart = index
                attributeName = try scanName(hint: written + 1)
                attributeCount = index - attributeStart
                skipSpaces()
                guard index < end, base[index] == UInt8(ascii: "=") else { throw Declined() }
                index += 1
                skipSpaces()
            }
            let value = try scanValue()
            written += 1
            if attributeCount == 5, matches(attributeStart, PlainXMLBytes.xmlns) {
                guard !declaredNamespace else { throw Declined() }
                declaredNamespace = true
                namespace = try defaultNamespace(value)
                continue
            }
            for earlier in firstAttribute..<document.attributes.count
            where document.attributes[earlier].name == attributeName {
                throw Declined()
            }
            document.attributes.append(
                PlainXMLDocument.Attribute(
                    name: attributeName, valueStart: value.start, valueCount: value.count, isCopy: value.isCopy))
        }
        let count = document.attributes.count - firstAttribute
        document.widestElement = max(document.widestElement, count)
        flushText(depth: open.count)
        document.events.append(
            PlainXMLDocument.Event(
                kind: .start, name: name, namespace: namespace, firstAttribute: Int32(firstAttribute),
                attributeCount: Int32(count),
                line: line, isEmpty: isEmpty))
        if isEmpty {
            index += 2
            appendEnd(name: name, namespace: namespace)
        } else {
            index += 1
            open.append(OpenElement(name: name, start: nameStart, count: nameCount, namespace: namespace))
        }
    }

    /// The usual shape of an attribute, ` name="` (or `'`) with the name the previous tag had
    /// at this `position`, checked at once: the attribute's start, name and length, with the
    /// scan moved to the value's quote; `nil`, with the scan unmoved, for anything else.
    @inline(__always)
    private mutating func usualAttributeName(position: Int) -> (start: Int, name: Int32, count: Int)? {
        let start = index + 1
        guard start < end, base[index] == 0x20, policy.admitsAttributes(position),
            let (name, count) = document.names.hinted(hints[position], at: base + start, available: end - start),
            start + count + 1 < end, base[start + count] == UInt8(ascii: "="),
            base[start + count + 1] == UInt8(ascii: "\"") || base[start + count + 1] == UInt8(ascii: "'")
        else { return nil }
        index = start + count + 1
        return (start, name, count)
    }

    /// An end tag, at its `<`: it must close the innermost open element.
    private mutating func scanEndTag() throws(Declined) {
        guard open.count > 0 else { throw Declined() }
        let element = open[open.count - 1]
        open.removeLast()
        guard index + 2 + element.count <= end else { throw Declined() }
        index += 2
        for offset in 0..<element.count where base[index + offset] != base[element.start + offset] {
            throw Declined()
        }
        index += element.count
        guard index >= end || !PlainXMLBytes.isNameByte(base[index]) else { throw Declined() }
        skipSpaces()
        guard index < end, base[index] == UInt8(ascii: ">") else { throw Declined() }
        index += 1
        appendEnd(name: element.name, namespace: element.namespace)
    }

    private mutating func appendEnd(name: Int32, namespace: Int32) {
        flushText(depth: open.count)
        document.events.append(
            PlainXMLDocument.Event(
                kind: .end, name: name, namespace: namespace, firstAttribute: 0, attributeCount: 0, line: line,
                isEmpty: false))
    }

    /// Hands over the text scanned since the last boundary, as ``SAXSession`` does at an
    /// element's start or end or a comment: at the line the parser is on then.
    @inline(__always)
    mutating func flushText(depth: Int) {
        if wantsText, pendingText != nil { appendPendingText(depth: depth) }
    }

    private mutating func appendPendingText(depth: Int) {
        guard let text = pendingText else { return }
        pendingText = nil
        document.events.append(
            PlainXMLDocument.Event(
                kind: .text, name: 0, namespace: -1, firstAttribute: Int32(document.texts.count), attributeCount: 0,
                line: line, isEmpty: false))
        document.texts.append(
            PlainXMLDocument.Text(start: text.start, count: text.count, isCopy: text.isCopy, depth: Int32(depth)))
    }

    /// A default namespace declaration's URI, among the names. Declined: an empty one (which
    /// undeclares), one that needed decoding, one that is not a URI, the two URIs libxml2
    /// refuses there, and XInclude.
    private mutating func defaultNamespace(_ value: (start: Int32, count: Int32, isCopy: Bool)) throws(Declined)
        -> Int32
    {
        let start = Int(value.start)
        let count = Int(value.count)
        guard !value.isCopy, count > 0 else { throw Declined() }
        for refused in PlainXMLBytes.refusedNamespaces where count == refused.count && matches(start, refused) {
            throw Declined()
        }
        var hint: Int32 = -1
        let uri = document.names.offset(of: base + start, count: count, hint: &hint)
        // libxml2 refuses a namespace that is not a URI by its own reading of URIs.
        let text = UnsafeRawPointer(document.names.storage.base + Int(uri)).assumingMemoryBound(to: CChar.self)
        guard let parsed = xmlParseURI(text) else { throw Declined() }
        xmlFreeURI(parsed)
        return uri
    }

    // MARK: Names, values and blanks: the hot path, kept in one file so that it inlines

    /// A name in a tag, among the document's names; `hint` is its position in the tag (0 the
    /// element's name, then the attributes').
    private mutating func scanName(hint: Int) throws(Declined) -> Int32 {
        let start = index
        if let (offset, count) = document.names.hinted(hints[hint], at: base + start, available: end - start) {
            index = start + count
            return offset
        }
        try scanName()
        return document.names.offset(of: base + start, count: index - start, hint: &hints[hint])
    }

    /// An ASCII name without a colon (a prefix is declined).
    mutating func scanName() throws(Declined) {
        let start = index
        guard start < end, PlainXMLBytes.isNameStart(base[start]) else { throw Declined() }
        var position = start + 1
        while position < end, PlainXMLBytes.isNameByte(base[position]) { position += 1 }
        guard position - start <= PlainXMLBytes.longestName else { throw Declined() }
        index = position
    }

    /// A quoted attribute value, at its quote: where its bytes are, decoded when XML changes them.
    mutating func scanValue() throws(Declined) -> (start: Int32, count: Int32, isCopy: Bool) {
        guard index < end else { throw Declined() }
        let quote = base[index]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw Declined() }
        index += 1
        let start = index
        let stops = PlainXMLBytes.valueStops | (1 << UInt64(quote))
        let position = PlainXMLBytes.plainValueRun(base, from: start, to: end, quote: quote)
        index = PlainXMLBytes.runEnd(base, from: position, to: end, stops: stops)
        guard index < end else { throw Declined() }
        if base[index] == quote {
            guard policy.admitsAttributeValue(ofBytes: index - start) else { throw Declined() }
            index += 1
            // The file is shorter than Int32.max (`scan`).
            return (Int32(truncatingIfNeeded: start), Int32(truncatingIfNeeded: index - 1 - start), false)
        }
        return try scanDecodedValue(from: start, quote: quote)
    }

    /// Skips spaces, tabs and line feeds; whether there were any.
    @discardableResult
    @inline(__always)
    mutating func skipSpaces() -> Bool {
        guard index < end, PlainXMLBytes.isBlank(base[index]) else { return false }
        return skipBlanks()
    }

    @discardableResult
    private mutating func skipBlanks() -> Bool {
        let start = index
        var position = start
        var lines = line
        while position < end {
            let byte = base[position]
            if byte == 0x20 || byte == 0x09 {
                position += 1
            } else if byte == 0x0A {
                lines += 1
                position += 1
            } else {
                break
            }
        }
        index = position
        line = lines
        return position > start
    }

}
