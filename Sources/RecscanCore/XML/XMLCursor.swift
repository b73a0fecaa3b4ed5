internal import CLibXML2

/// The reader's current node, for readers that need speed: names are compared in place and
/// only the attribute values asked for become Swift strings. A cursor is valid only inside
/// the callback that received it and must not be stored.
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
        return Self.equal(local, name)
    }

    /// Whether the element is in namespace `uri`, without making a string.
    func isIn(_ uri: StaticString) -> Bool {
        guard let namespace = xmlTextReaderConstNamespaceUri(reader) else { return false }
        return Self.equal(namespace, uri)
    }

    /// The values of the unprefixed attributes `names`, in that order (`nil` where absent).
    ///
    /// Walks the element's attribute list in place: no reader calls, no copies but the values.
    func attributes(_ names: [StaticString]) -> [String?] {
        var values = [String?](repeating: nil, count: names.count)
        guard let node = xmlTextReaderCurrentNode(reader) else { return values }
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard current.pointee.ns == nil, let local = current.pointee.name else { continue }
            for (index, name) in names.enumerated() where values[index] == nil && Self.equal(local, name) {
                values[index] = Self.value(of: current)
                break
            }
        }
        return values
    }

    /// An attribute's value: its single text child, as the parser leaves it, else libxml2's join.
    private static func value(of attribute: UnsafeMutablePointer<xmlAttr>) -> String {
        if let child = attribute.pointee.children, child.pointee.next == nil,
            child.pointee.type == XML_TEXT_NODE, let content = child.pointee.content
        {
            return String(cString: content)
        }
        guard let joined = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else { return "" }
        defer { recscan_xml_free(joined) }
        return String(cString: joined)
    }

    private static func equal(_ text: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
        name.withUTF8Buffer { expected in
            var index = 0
            while index < expected.count {
                guard text[index] == expected[index] else { return false }
                index += 1
            }
            return text[index] == 0
        }
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
