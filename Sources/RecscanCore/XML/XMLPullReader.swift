internal import CLibXML2

/// Reads an XML file one event at a time, on the caller's demand, under the same
/// ``XMLInputPolicy`` as ``XMLStreamReader`` (no DTD, no entities, no network, bounded size and
/// depth). Used where two
/// documents are walked side by side, such as a new run's hosts against the previous report's.
final class XMLPullReader {
    private let guarded: GuardedTextReader
    private var reader: xmlTextReaderPtr { guarded.reader }
    private let collector = XMLErrorCollector()
    private let name: String
    private let policy: XMLInputPolicy
    private var pending: [XMLEvent] = []
    private var sawRoot = false
    private var finished = false
    /// The reader already stands on a node not yet translated (after a skip).
    private var positioned = false

    /// Opens `path`.
    /// - Throws: `InputError` when the file is too big or cannot be opened.
    init(path: String, displayName: String? = nil, limits: InputLimits = .standard) throws {
        name = displayName ?? path
        policy = XMLInputPolicy(limits: limits)
        guarded = try GuardedTextReader(path: path, name: name, policy: policy)
        xmlTextReaderSetStructuredErrorHandler(
            guarded.reader,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error)
            }, Unmanaged.passUnretained(collector).toOpaque())
    }

    /// The next event in document order; `nil` at the end of the document.
    /// - Throws: `InputError` with the position of malformed or hostile XML.
    func next() throws -> XMLEvent? {
        while pending.isEmpty && !finished {
            if !positioned {
                guard try advanced(xmlTextReaderRead(reader)) else { break }
            }
            positioned = false
            if try TextReaderNodes.translateNode(reader, name: name, policy: policy, handle: { pending.append($0) }) {
                sawRoot = true
            }
        }
        return pending.isEmpty ? nil : pending.removeFirst()
    }

    /// Skips the content of the element whose start `next()` just returned, and its end event:
    /// libxml2 still checks it is well-formed, but no event is built for it. Reading a large
    /// document for a few elements is then much cheaper.
    func skipContent(of element: XMLElementStart) throws {
        pending.removeAll()
        guard !element.isEmpty else { return }
        positioned = try advanced(xmlTextReaderNext(reader))
    }

    /// Handles a libxml2 read status: `true` when the reader stands on a node, `false` at the end.
    private func advanced(_ status: Int32) throws -> Bool {
        if status > 0 { return true }
        finished = true
        if let stop = guarded.guardFailure { throw stop }
        if status < 0 {
            throw collector.firstError(file: name, prefix: "is not well-formed XML: ")
                ?? InputError(file: name, message: "is not well-formed XML")
        }
        if let error = collector.firstError(file: name, prefix: "is not well-formed XML: ") { throw error }
        if !sawRoot { throw InputError(file: name, line: 1, message: "has no root element (empty document)") }
        return false
    }
}
