internal import CLibXML2

/// One parse through libxml2's SAX2 push parser, fed a chunk at a time on demand: `step()`
/// reads the next chunk and shows its elements to `visit`. ``XMLSAXReader`` steps to the end
/// at once; a reader that wants one record at a time (a stored report's hosts) steps until it
/// has one, so that several documents can be read side by side, each holding one chunk.
final class XMLSAXStream {
    private let session: SAXSession
    private let context: xmlParserCtxtPtr
    private let sourceFailure: () -> InputError?
    private let fill: (UnsafeMutableRawBufferPointer) -> Int
    /// Not zeroed: the parser reads only what `fill` wrote. Zeroing 64 KiB per document was a
    /// visible cost with one-host files (twice per file: classifying it, then reading it).
    private let chunk: UnsafeMutableRawBufferPointer
    private var done = false
    /// How many errors libxml2 had reported before the terminating chunk; `nil` until it is fed.
    private var errorsBeforeEnd: Int?

    /// Starts a parse.
    /// - Parameters:
    ///   - visit: shown every element start and end and, when `text` is true, the character data.
    ///   - sourceFailure: why `fill` stopped, once it returned -1.
    ///   - fill: writes the next bytes into its buffer and returns their count, 0 at the end.
    init(
        name: String, policy: XMLInputPolicy, text: Bool, visit: @escaping (SAXElement) throws -> Void,
        sourceFailure: @escaping () -> InputError?, fill: @escaping (UnsafeMutableRawBufferPointer) -> Int
    ) throws {
        session = SAXSession(name: name, policy: policy, wantsText: text, visit: visit)
        var handler = SAXSession.makeHandler(text: text)
        guard
            let context = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(session).toOpaque(), nil, 0, nil)
        else { throw InputError(file: name, message: "cannot start the XML parser") }
        xmlCtxtUseOptions(context, XMLInputPolicy.pushParserOptions)
        session.context = context
        self.context = context
        self.sourceFailure = sourceFailure
        self.fill = fill
        chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: XMLSAXReader.readBytes, alignment: 16)
    }

    /// Opens the file at `path` through the guard, as ``XMLSAXReader/read(path:displayName:limits:text:visit:)`` does.
    convenience init(
        path: String, displayName: String, limits: InputLimits, text: Bool,
        visit: @escaping (SAXElement) throws -> Void
    ) throws {
        let policy = XMLInputPolicy(limits: limits)
        let file = try GuardedXMLFile(path: path, name: displayName, policy: policy)
        try self.init(
            name: displayName, policy: policy, text: text, visit: visit, sourceFailure: { file.failure },
            fill: { file.read(into: $0) })
    }

    deinit {
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        xmlFreeParserCtxt(context)
        chunk.deallocate()
    }

    /// Parses the next chunk; `false` once the document has ended and was found whole.
    /// - Throws: `InputError` with the position of malformed or hostile XML, or what `visit` throws.
    func step() throws -> Bool {
        guard !done else { return false }
        let count = fill(chunk)
        if count >= 0, let base = chunk.baseAddress?.bindMemory(to: CChar.self, capacity: chunk.count) {
            let terminate: Int32 = count == 0 ? 1 : 0
            if terminate == 1 { errorsBeforeEnd = session.errors.errors.count }
            var fed = 0
            repeat {
                let slice = min(count - fed, XMLSAXReader.parserBytes)
                _ = xmlParseChunk(context, base + fed, Int32(slice), terminate)
                fed += slice
            } while fed < count && session.failure == nil
        }
        guard count <= 0 || session.failure != nil else { return true }
        // The end, or a stop: what stopped the source first, as the reader that finds it first.
        done = true
        if let stop = sourceFailure() { throw stop }
        if let failure = session.failure { throw failure }
        // Well-formed up to the end, which came while an element or attribute was still open: the
        // file was cut short (a copy interrupted, a disk full), which libxml2 words as one more error.
        let cutShort = errorsBeforeEnd == 0
        let prefix = cutShort ? "ends early (the file looks truncated): " : "is not well-formed XML: "
        if let error = session.errors.firstError(file: session.name, prefix: prefix) { throw error }
        if !session.sawRoot {
            throw InputError(file: session.name, line: 1, message: "has no root element (empty document)")
        }
        return false
    }
}
