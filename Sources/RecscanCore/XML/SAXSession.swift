internal import CLibXML2

/// The state of one SAX parse, reached from libxml2's callbacks through their context pointer.
final class SAXSession {
    let name: String
    let policy: XMLInputPolicy
    let visit: (SAXElement) throws -> Void
    /// Whether `visit` is shown character data too.
    let wantsText: Bool
    var context: xmlParserCtxtPtr?
    private var depth = 0
    private(set) var sawRoot = false
    /// Character data since the last element start or end: libxml2 hands it over in pieces.
    private var pendingText: [UInt8] = []
    /// The first problem that stopped the parse (a thrown error, a DTD, the depth limit).
    private(set) var failure: (any Error)?
    let errors = XMLErrorCollector()

    init(name: String, policy: XMLInputPolicy, wantsText: Bool, visit: @escaping (SAXElement) throws -> Void) {
        self.name = name
        self.policy = policy
        self.wantsText = wantsText
        self.visit = visit
    }

    private var line: Int { context.map { Int($0.pointee.input?.pointee.line ?? 0) } ?? 0 }

    /// Whether the start tag just parsed ends with "/>": the parser stands right before it.
    private var startTagIsEmpty: Bool {
        guard let current = context?.pointee.input?.pointee.cur else { return false }
        return current[0] == UInt8(ascii: "/")
    }

    func stop(_ error: any Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    private func start(
        _ localName: UnsafePointer<xmlChar>, _ namespace: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard failure == nil else { return }
        do {
            try flushText()
            guard policy.admitsElement(atDepth: depth) else { throw policy.error(.tooDeep, file: name, line: line) }
            if XMLInputPolicy.isXInclude(namespace: namespace) {
                throw policy.error(.xinclude, file: name, line: line)
            }
            let element = SAXElement(
                kind: .start, depth: depth, localName: localName, namespace: namespace, attributeCount: count,
                attributes: attributes, line: line, isEmpty: startTagIsEmpty)
            sawRoot = true
            depth += 1
            try visit(element)
        } catch {
            stop(error)
        }
    }

    private func end(_ localName: UnsafePointer<xmlChar>, _ namespace: UnsafePointer<xmlChar>?) {
        guard failure == nil else { return }
        depth -= 1
        do {
            try flushText()
            try visit(
                SAXElement(
                    kind: .end, depth: depth, localName: localName, namespace: namespace, attributeCount: 0,
                    attributes: nil, line: line, isEmpty: false))
        } catch {
            stop(error)
        }
    }

    /// Hands over the character data gathered so far, unless it is only XML blanks (which the
    /// readers never look at, as libxml2's text reader reports them apart).
    private func flushText() throws {
        // `wantsText` first: a `let`, read without the run-time exclusivity check of a `var`.
        guard wantsText, !pendingText.isEmpty else { return }
        defer { pendingText.removeAll(keepingCapacity: true) }
        guard pendingText.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return }
        try pendingText.withUnsafeBufferPointer { text in
            try visit(SAXElement(text: text, depth: depth, line: line))
        }
    }

    private func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        guard failure == nil else { return }
        pendingText.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        guard policy.admitsText(ofBytes: pendingText.count) else {
            return stop(policy.error(.textTooLong, file: name, line: line))
        }
    }

    private func boundary() {
        guard failure == nil else { return }
        do { try flushText() } catch { stop(error) }
    }

    private static func session(_ context: UnsafeMutableRawPointer?) -> SAXSession? {
        context.map { Unmanaged<SAXSession>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` on the session behind `context` without retaining it for the call: element
    /// starts and ends come a million times per thousand hosts, and the parse holds the session.
    private static func withSession(_ context: UnsafeMutableRawPointer?, _ body: (SAXSession) -> Void) {
        guard let context else { return }
        Unmanaged<SAXSession>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
    }

    /// Element starts and ends, errors, the DTD hooks that stop the parse (no external subset
    /// hook: libxml2 loads none without one), and character data
    /// (with comments and processing instructions ending a text, as in the text reader) when wanted.
    static func makeHandler(text: Bool) -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, _, uri, _, _, count, _, attributes in
            guard let localName else { return }
            SAXSession.withSession(context) { $0.start(localName, uri, Int(count), attributes) }
        }
        handler.endElementNs = { context, localName, _, uri in
            guard let localName else { return }
            SAXSession.withSession(context) { $0.end(localName, uri) }
        }
        if text {
            handler.characters = { context, bytes, count in
                guard let bytes else { return }
                SAXSession.session(context)?.characters(bytes, Int(count))
            }
            handler.cdataBlock = handler.characters
            handler.comment = { context, _ in SAXSession.session(context)?.boundary() }
            handler.processingInstruction = { context, _, _ in SAXSession.session(context)?.boundary() }
        }
        handler.internalSubset = { context, _, _, _ in
            guard let session = SAXSession.session(context) else { return }
            session.stop(session.policy.error(.doctype, file: session.name, line: session.line))
        }
        handler.entityDecl = { context, _, _, _, _, _ in
            guard let session = SAXSession.session(context) else { return }
            session.stop(session.policy.error(.entityDeclaration, file: session.name, line: session.line))
        }
        handler.serror = { context, error in
            guard let error else { return }
            SAXSession.session(context)?.errors.record(error)
        }
        return handler
    }
}
