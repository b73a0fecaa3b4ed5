internal import CLibXML2

/// Reads an XML file one event at a time, on the caller's demand, with the same safety rules as
/// ``XMLStreamReader`` (no DTD, no entities, no network, bounded size and depth). Used where two
/// documents are walked side by side, such as a new run's hosts against the previous report's.
final class XMLPullReader {
    private let reader: xmlTextReaderPtr
    private let collector = XMLErrorCollector()
    private let name: String
    private let limits: InputLimits
    private var pending: [XMLEvent] = []
    private var sawRoot = false
    private var finished = false

    /// Opens `path`.
    /// - Throws: `InputError` when the file is too big or cannot be opened.
    init(path: String, displayName: String? = nil, limits: InputLimits = .standard) throws {
        name = displayName ?? path
        self.limits = limits
        try XMLStreamReader.checkSize(path: path, name: name, limits: limits)
        guard let reader = xmlReaderForFile(path, nil, XMLStreamReader.safeParseOptions) else {
            throw InputError(file: name, message: "cannot open the file for reading")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error)
            }, Unmanaged.passUnretained(collector).toOpaque())
    }

    deinit { xmlFreeTextReader(reader) }

    /// The next event in document order; `nil` at the end of the document.
    /// - Throws: `InputError` with the position of malformed or hostile XML.
    func next() throws -> XMLEvent? {
        while pending.isEmpty && !finished {
            let status = xmlTextReaderRead(reader)
            if status == 0 {
                finished = true
                if let error = collector.firstError(file: name, prefix: "is not well-formed XML: ") { throw error }
                if !sawRoot { throw InputError(file: name, line: 1, message: "has no root element (empty document)") }
                break
            }
            if status < 0 {
                finished = true
                throw collector.firstError(file: name, prefix: "is not well-formed XML: ")
                    ?? InputError(file: name, message: "is not well-formed XML")
            }
            if try XMLStreamReader.translateNode(reader, name: name, limits: limits, handle: { pending.append($0) }) {
                sawRoot = true
            }
        }
        return pending.isEmpty ? nil : pending.removeFirst()
    }
}
