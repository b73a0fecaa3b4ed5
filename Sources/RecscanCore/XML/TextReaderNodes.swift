internal import CLibXML2

/// Turns the text reader's current node into events, for ``XMLPullReader``: the one reader
/// that walks a document on demand rather than through SAX callbacks.
enum TextReaderNodes {
    /// Shows the reader's current node to `visit` (an empty element gives its start and its end),
    /// refusing what `policy` refuses: DOCTYPEs, entity references, XInclude and nesting past the limit.
    /// - Returns: whether the node is an element.
    static func visitNode(
        _ reader: xmlTextReaderPtr, name: String, policy: XMLInputPolicy, visit: (XMLCursor) throws -> Void
    ) throws -> Bool {
        let depth = Int(xmlTextReaderDepth(reader))
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
            throw policy.error(.doctype, file: name, line: XMLCursor(kind: .start, depth: depth, reader: reader).line)
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
            throw policy.error(
                .entityReference, file: name, line: XMLCursor(kind: .start, depth: depth, reader: reader).line)
        case Int32(XML_READER_TYPE_ELEMENT.rawValue):
            let cursor = XMLCursor(kind: .start, depth: depth, reader: reader)
            guard policy.admitsElement(atDepth: depth) else {
                throw policy.error(.tooDeep, file: name, line: cursor.line)
            }
            if XMLInputPolicy.isXInclude(namespace: xmlTextReaderConstNamespaceUri(reader)) {
                throw policy.error(.xinclude, file: name, line: cursor.line)
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
        _ reader: xmlTextReaderPtr, name: String, policy: XMLInputPolicy, handle: (XMLEvent) throws -> Void
    ) throws -> Bool {
        var namespaces = NamespaceCache()
        return try visitNode(reader, name: name, policy: policy) { cursor in
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
