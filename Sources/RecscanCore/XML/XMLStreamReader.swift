internal import CLibXML2
import Foundation

/// Streams an XML file through libxml2's reader, safely for untrusted input:
/// no DTD loading, no entity expansion, no network, DOCTYPEs rejected, depth bounded.
public enum XMLStreamReader {
    /// Reads the file at `path` and hands each event to `handle`, in document order.
    /// - Throws: `InputError` with line and column for malformed or hostile XML, or
    ///   whatever `handle` throws.
    public static func read(
        path: String, displayName: String? = nil, limits: InputLimits = .standard,
        handle: (XMLEvent) throws -> Void
    ) throws {
        var namespaces = SAXNamespaceCache()
        try XMLSAXReader.read(
            path: path, displayName: displayName ?? path, limits: limits, text: true
        ) { element in
            try handle(event(element, namespaces: &namespaces))
        }
    }

    /// A reader whose bytes come through the guard (``XMLInputGuard``), which stops hostile
    /// markup before the parser spends anything on it.
    private static func withGuardedReader(
        path: String, name: String, limits: InputLimits,
        body: (xmlTextReaderPtr, () -> InputError?) throws -> Void
    ) throws {
        let file = try GuardedXMLFile(path: path, name: name, limits: limits)
        try withExtendedLifetime(file) {
            guard
                let reader = xmlReaderForIO(
                    { context, buffer, length in
                        guard let context, let buffer else { return -1 }
                        let file = Unmanaged<GuardedXMLFile>.fromOpaque(context).takeUnretainedValue()
                        return Int32(file.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
                    }, { _ in 0 }, Unmanaged.passUnretained(file).toOpaque(), path, nil, safeParseOptions)
            else {
                throw file.failure ?? InputError(file: name, message: "cannot open the file for reading")
            }
            defer { xmlFreeTextReader(reader) }
            try body(reader, { file.failure })
        }
    }

    /// Reads an in-memory document (used for bundled resources and tests).
    public static func read(
        bytes: [UInt8], displayName: String, limits: InputLimits = .standard,
        handle: (XMLEvent) throws -> Void
    ) throws {
        guard bytes.count <= limits.maxFileBytes else {
            throw InputError(
                file: displayName, message: "is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes)")
        }
        try checkMarkup(bytes, name: displayName, limits: limits)
        var namespaces = SAXNamespaceCache()
        try XMLSAXReader.read(
            checkedBytes: bytes, displayName: displayName, limits: limits, text: true
        ) { element in
            try handle(event(element, namespaces: &namespaces))
        }
    }

    private static func event(_ element: SAXElement, namespaces: inout SAXNamespaceCache) -> XMLEvent {
        switch element.kind {
        case .start:
            .start(
                XMLElementStart(
                    localName: element.localName, namespace: namespaces.string(for: element),
                    attributePairs: element.attributePairs, line: element.line, column: 0, isEmpty: element.isEmpty,
                    depth: element.depth))
        case .end: .end(localName: element.localName, depth: element.depth)
        case .text: .text(element.text)
        }
    }

    static let safeParseOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_BIG_LINES.rawValue)

    static func checkSize(path: String, name: String, limits: InputLimits) throws {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw InputError(file: name, message: "cannot be read: \(error.localizedDescription)")
        }
        if let size = attributes[.size] as? Int, size > limits.maxFileBytes {
            throw InputError(file: name, message: "is \(size) bytes, over the limit of \(limits.maxFileBytes)")
        }
    }

    /// Runs ``XMLInputGuard`` over a document held in memory.
    private static func checkMarkup(_ bytes: [UInt8], name: String, limits: InputLimits) throws {
        var utf16: XMLInputGuard.UTF16Order?
        do {
            var markup = try XMLInputGuard(limits: limits, head: bytes.prefix(1024))
            utf16 = markup.utf16
            try bytes.withUnsafeBytes { try markup.feed($0) }
        } catch let stop as XMLInputGuard.Stop {
            var position = TextPosition(utf16: utf16)
            position.advance(over: bytes.prefix(stop.offset))
            throw InputError(file: name, line: position.line, column: position.column, message: stop.message)
        }
    }

    /// Turns cursor visits into events with every attribute as a string (simple readers).
    private static func driveEvents(
        _ reader: xmlTextReaderPtr, name: String, limits: InputLimits, stopped: () -> InputError?,
        handle: (XMLEvent) throws -> Void
    ) throws {
        var namespaces = NamespaceCache()
        try drive(reader, name: name, limits: limits, stopped: stopped) { cursor in
            try handle(event(cursor, reader: reader, namespaces: &namespaces))
        }
    }

    /// The read loop: rejects what untrusted input must not contain, bounds the depth, and
    /// shows every element start, element end and text node to `visit`.
    private static func drive(
        _ reader: xmlTextReaderPtr, name: String, limits: InputLimits, stopped: () -> InputError?,
        visit: (XMLCursor) throws -> Void
    ) throws {
        let collector = XMLErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error)
            }, context)
        defer { withExtendedLifetime(collector) {} }
        var sawRoot = false
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 {
                if let stop = stopped() { throw stop }
                throw collector.firstError(file: name, prefix: "is not well-formed XML: ")
                    ?? InputError(
                        file: name, line: Int(xmlTextReaderGetParserLineNumber(reader)),
                        column: Int(xmlTextReaderGetParserColumnNumber(reader)), message: "is not well-formed XML")
            }
            if try visitNode(reader, name: name, limits: limits, visit: visit) { sawRoot = true }
        }
        if let stop = stopped() { throw stop }
        if let error = collector.firstError(file: name, prefix: "is not well-formed XML: ") { throw error }
        if !sawRoot { throw InputError(file: name, line: 1, message: "has no root element (empty document)") }
    }

    /// Shows the reader's current node to `visit` (an empty element gives its start and its end),
    /// rejecting DOCTYPEs, entity references and nesting past the limit.
    /// - Returns: whether the node is an element.
    static func visitNode(
        _ reader: xmlTextReaderPtr, name: String, limits: InputLimits, visit: (XMLCursor) throws -> Void
    ) throws -> Bool {
        let depth = Int(xmlTextReaderDepth(reader))
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
            throw InputError(
                file: name, line: XMLCursor(kind: .start, depth: depth, reader: reader).line,
                message: "has a DOCTYPE; DTDs are not accepted in untrusted input")
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
            throw InputError(
                file: name, line: XMLCursor(kind: .start, depth: depth, reader: reader).line,
                message: "uses an entity reference; entities are not expanded")
        case Int32(XML_READER_TYPE_ELEMENT.rawValue):
            let cursor = XMLCursor(kind: .start, depth: depth, reader: reader)
            guard depth < limits.maxDepth else {
                throw InputError(
                    file: name, line: cursor.line, message: "nests elements deeper than \(limits.maxDepth) levels")
            }
            // libxml2 never processes XInclude without XML_PARSE_XINCLUDE, but an include is an
            // attempt to read a file: it is rejected rather than ignored.
            if cursor.isIn("http://www.w3.org/2001/XInclude") || cursor.isIn("http://www.w3.org/2003/XInclude") {
                throw InputError(file: name, line: cursor.line, message: "uses XInclude; includes are not processed")
            }
            try visit(cursor)
            if xmlTextReaderIsEmptyElement(reader) == 1 {
                try visit(XMLCursor(kind: .end, depth: depth, reader: reader))
            }
            return true
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
            try visit(XMLCursor(kind: .end, depth: depth, reader: reader))
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
            try visit(XMLCursor(kind: .text, depth: depth, reader: reader))
        default:
            break
        }
        return false
    }

    /// The current node as events, for readers that pull one node at a time.
    /// - Returns: whether the node is an element.
    static func translateNode(
        _ reader: xmlTextReaderPtr, name: String, limits: InputLimits, handle: (XMLEvent) throws -> Void
    ) throws -> Bool {
        var namespaces = NamespaceCache()
        return try visitNode(reader, name: name, limits: limits) { cursor in
            try handle(event(cursor, reader: reader, namespaces: &namespaces))
        }
    }

    private static func event(_ cursor: XMLCursor, reader: xmlTextReaderPtr, namespaces: inout NamespaceCache)
        -> XMLEvent
    {
        switch cursor.kind {
        case .start: .start(element(reader, line: cursor.line, depth: cursor.depth, namespaces: &namespaces))
        case .end: .end(localName: cursor.localName, depth: cursor.depth)
        case .text: .text(cursor.text)
        }
    }

    private static func element(
        _ reader: xmlTextReaderPtr, line: Int, depth: Int, namespaces: inout NamespaceCache
    ) -> XMLElementStart {
        let localName = string(xmlTextReaderConstLocalName(reader))
        let namespace = namespaces.string(for: xmlTextReaderConstNamespaceUri(reader))
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        var attributes: [(name: String, value: String)] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            if xmlTextReaderConstNamespaceUri(reader) != nil { continue }
            attributes.append((string(xmlTextReaderConstLocalName(reader)), string(xmlTextReaderConstValue(reader))))
        }
        xmlTextReaderMoveToElement(reader)
        return XMLElementStart(
            localName: localName, namespace: namespace, attributePairs: attributes, line: line, column: 0,
            isEmpty: isEmpty, depth: depth)
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

/// The reader interns names in its dictionary, so a namespace URI keeps its address for the
/// whole parse: converting it to a Swift string once per parse, not once per element, saves an
/// allocation per element.
struct NamespaceCache {
    private var pointer: UnsafePointer<xmlChar>?
    private var value: String?

    mutating func string(for uri: UnsafePointer<xmlChar>?) -> String? {
        guard let uri else { return nil }
        if uri == pointer, let value { return value }
        let converted = String(cString: uri)
        pointer = uri
        value = converted
        return converted
    }
}

/// Collects libxml2 errors for one parse; owned by that parse alone, never global.
final class XMLErrorCollector {
    private(set) var errors: [(line: Int, column: Int, message: String)] = []

    func firstError(file: String, prefix: String = "") -> InputError? {
        guard let first = errors.first else { return nil }
        return InputError(
            file: file, line: first.line, column: first.column > 0 ? first.column : nil, message: prefix + first.message
        )
    }

    func record(_ error: UnsafePointer<xmlError>) {
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let raw = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
        let message = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        errors.append((Int(error.pointee.line), Int(error.pointee.int2), message))
    }

    func append(line: Int, column: Int, message: String) {
        errors.append((line, column, message))
    }
}
