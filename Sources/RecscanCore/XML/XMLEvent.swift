/// An element start as the streaming reader reports it.
public struct XMLElementStart: Sendable {
    public var localName: String
    public var namespace: String?
    /// Attributes without a namespace prefix, by local name.
    public var attributes: [String: String]
    public var line: Int
    public var column: Int
    public var isEmpty: Bool
    public var depth: Int

    public subscript(_ name: String) -> String? { attributes[name] }
}

/// One event of a streamed XML document.
public enum XMLEvent: Sendable {
    case start(XMLElementStart)
    case end(localName: String, depth: Int)
    case text(String)
}
