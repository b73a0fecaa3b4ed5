/// An element start as the streaming reader reports it.
public struct XMLElementStart: Sendable {
    /// The element's name without its prefix, e.g. "rule".
    public var localName: String
    /// The element's namespace URI, e.g. "urn:recscan:catalog:1"; `nil` when it has none.
    public var namespace: String?
    /// Attributes without a namespace prefix, in document order. Elements have few attributes,
    /// so a linear search beats building a dictionary for every element.
    public var attributePairs: [(name: String, value: String)]
    /// The line the element starts on.
    public var line: Int
    /// The column the element starts at, or 0 when the parser does not know it.
    public var column: Int
    /// Whether the element is self-closing; its end event follows at once.
    public var isEmpty: Bool
    /// How deep the element is nested; 0 for the root element.
    public var depth: Int

    /// The value of the unprefixed attribute `name`, if present.
    public subscript(_ name: String) -> String? {
        for pair in attributePairs where pair.name == name { return pair.value }
        return nil
    }

    /// Attributes by local name (convenience; the subscript avoids building a dictionary).
    public var attributes: [String: String] {
        Dictionary(attributePairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One event of a streamed XML document.
public enum XMLEvent: Sendable {
    case start(XMLElementStart)
    case end(localName: String, depth: Int)
    case text(String)
}
