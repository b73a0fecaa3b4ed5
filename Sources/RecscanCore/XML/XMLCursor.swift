internal import CLibXML2

/// The text reader's current node, turned into events by ``XMLStreamReader``: names are
/// compared in place. A cursor is valid only inside the callback that received it and must
/// not be stored.
struct XMLCursor {
    /// What the current node is.
    enum Kind { case start, end, text }

    /// Start of an element, its end (also reported right after the start of an empty
    /// element), or character data.
    let kind: Kind
    /// Nesting depth; the root element is at 0.
    let depth: Int
    private let reader: OpaquePointer

    init(kind: Kind, depth: Int, reader: OpaquePointer) {
        self.kind = kind
        self.depth = depth
        self.reader = reader
    }

    /// The line the node starts on (computed on demand: only errors need it).
    var line: Int {
        let nodeLine = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0
        return nodeLine > 0 ? nodeLine : Int(xmlTextReaderGetParserLineNumber(reader))
    }

    /// The element's local name as a string.
    var localName: String { Self.string(xmlTextReaderConstLocalName(reader)) }

    /// The element's namespace URI, if any.
    var namespace: String? { xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } }

    /// The text of a character-data node.
    var text: String { Self.string(xmlTextReaderConstValue(reader)) }

    /// Whether the element's local name is `name`, without making a string.
    func isNamed(_ name: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        return xmlNameEquals(local, name)
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

/// Whether libxml2's NUL-terminated name `text` is `name`, compared in place (no string made);
/// shared by the text reader's cursor, the SAX element view and the input policy.
func xmlNameEquals(_ text: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
    name.withUTF8Buffer { xmlNameEquals(text, $0) }
}

/// Whether the NUL-terminated `text` is exactly the bytes `expected`.
func xmlNameEquals(_ text: UnsafePointer<xmlChar>, _ expected: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < expected.count {
        guard text[index] == expected[index] else { return false }
        index += 1
    }
    return text[index] == 0
}
