internal import CLibXML2

/// An element start or end as libxml2's SAX2 parser reports it (see ``XMLSAXReader``): names
/// are compared in place and attribute values are read as bytes, so a reader makes strings
/// only of what it keeps. Valid only inside the callback that received it.
struct SAXElement {
    /// Whether the parser is at an element's start, at its end (an empty element gives both),
    /// or after character data (see ``text``).
    enum Kind { case start, end, text }

    let kind: Kind
    /// Nesting depth; the root element is at 0.
    let depth: Int
    fileprivate let localNamePointer: UnsafePointer<xmlChar>?
    fileprivate let namespacePointer: UnsafePointer<xmlChar>?
    private let attributeCount: Int
    /// libxml2's layout: five pointers per attribute (local name, prefix, URI, value, value end).
    private let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    /// The line the parser is on: the end of the start tag, as libxml2 reports node lines.
    let line: Int
    /// Whether a start tag is self-closing (`<a/>`); its end follows at once.
    let isEmpty: Bool
    private let textBytes: UnsafeBufferPointer<UInt8>?

    init(
        kind: Kind, depth: Int, localName: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int, isEmpty: Bool
    ) {
        self.kind = kind
        self.depth = depth
        localNamePointer = localName
        namespacePointer = namespace
        self.attributeCount = attributes == nil ? 0 : attributeCount
        self.attributes = attributes
        self.line = line
        self.isEmpty = isEmpty
        textBytes = nil
    }

    /// Character data (entities replaced, pieces joined); `depth` is that of its elements.
    init(text: UnsafeBufferPointer<UInt8>, depth: Int, line: Int) {
        kind = .text
        self.depth = depth
        localNamePointer = nil
        namespacePointer = nil
        attributeCount = 0
        attributes = nil
        self.line = line
        isEmpty = false
        textBytes = text
    }

    /// The character data of a text node; empty for elements.
    var text: String { textBytes.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// The element's local name as a string.
    var localName: String { localNamePointer.map { String(cString: $0) } ?? "" }

    /// The element's namespace URI, if any.
    var namespace: String? { namespacePointer.map { String(cString: $0) } }

    /// Whether the element's local name is `name`, without making a string.
    func isNamed(_ name: StaticString) -> Bool {
        guard let localNamePointer else { return false }
        return xmlNameEquals(localNamePointer, name)
    }

    /// Whether the element is in namespace `uri`, without making a string.
    func isIn(_ uri: StaticString) -> Bool {
        guard let namespacePointer else { return false }
        return xmlNameEquals(namespacePointer, uri)
    }

    /// Every unprefixed attribute as strings, in document order.
    var attributePairs: [(name: String, value: String)] { attributePairs(except: nil) }

    /// `attributePairs` without the attribute `excluded`, in one pass.
    func attributePairs(except excluded: StaticString?) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        pairs.reserveCapacity(attributeCount)
        for index in 0..<attributeCount {
            guard let local = attributeName(at: index), excluded.map({ !xmlNameEquals(local, $0) }) ?? true,
                let value = attributeValue(at: index)
            else { continue }
            pairs.append((String(cString: local), String(decoding: value, as: UTF8.self)))
        }
        return pairs
    }

    // The two places that read libxml2's attribute layout. Names are compared before values
    // are read: most attributes looked at are not the one asked for.

    /// The local name of the attribute at `index` if it is unprefixed.
    @inline(__always)
    private func attributeName(at index: Int) -> UnsafePointer<xmlChar>? {
        guard let attributes, attributes[index * 5 + 2] == nil else { return nil }
        return attributes[index * 5]
    }

    /// The value bytes of the attribute at `index`.
    @inline(__always)
    private func attributeValue(at index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let attributes, let value = attributes[index * 5 + 3], let end = attributes[index * 5 + 4] else {
            return nil
        }
        return UnsafeBufferPointer(start: value, count: end - value)
    }

    /// The bytes of the unprefixed attribute `name`'s value (entities already replaced), or
    /// `nil` when absent. Points into the parser's buffer: use it before the callback returns.
    func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        name.withUTF8Buffer { expected in bytes { xmlNameEquals($0, expected) } }
    }

    /// The value of the unprefixed attribute `name` as a string, or `nil` when absent.
    func value(_ name: StaticString) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The case of `T` whose raw value is exactly the bytes of attribute `name`, without making
    /// a string; `nil` when the attribute is absent or spelled otherwise (blanks around it, an
    /// unknown value), which callers then read by the checked path that says what is wrong.
    /// A stored report read back for a merge names a module, severity and outcome per rule.
    func exactChoice<T: RawRepresentable & CaseIterable>(_ name: StaticString, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let bytes = bytes(name) else { return nil }
        for value in T.allCases {
            var raw = value.rawValue
            if raw.withUTF8({ $0.elementsEqual(bytes) }) { return value }
        }
        return nil
    }

    /// `value(_:)` for a name known only at run time.
    func value(named name: String) -> String? {
        var name = name
        return name.withUTF8 { expected in bytes { xmlNameEquals($0, expected) } }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of the unprefixed attribute `name` as the parser holds it: names compared by
    /// their interned address once `name` has seen it (see ``InternedName``).
    func bytes(_ name: inout InternedName) -> UnsafeBufferPointer<UInt8>? {
        bytes { name.matches($0) }
    }

    /// `bytes(_:)` of two interned names in one walk over the attributes: the native reader asks
    /// for two values on each of a fleet's million package elements.
    func bytes(
        _ first: inout InternedName, _ second: inout InternedName
    ) -> (first: UnsafeBufferPointer<UInt8>?, second: UnsafeBufferPointer<UInt8>?) {
        var found: (first: UnsafeBufferPointer<UInt8>?, second: UnsafeBufferPointer<UInt8>?) = (nil, nil)
        for index in 0..<attributeCount {
            guard let local = attributeName(at: index) else { continue }
            if found.first == nil, first.matches(local) {
                found.first = attributeValue(at: index)
                if found.second != nil { break }
            } else if found.second == nil, second.matches(local) {
                found.second = attributeValue(at: index)
                if found.first != nil { break }
            }
        }
        return found
    }

    /// `bytes(_:)` of an interned name, as a string.
    func value(_ name: inout InternedName) -> String? {
        bytes(&name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of the first unprefixed attribute whose name `isName` accepts.
    @inline(__always)
    private func bytes(where isName: (UnsafePointer<xmlChar>) -> Bool) -> UnsafeBufferPointer<UInt8>? {
        for index in 0..<attributeCount {
            guard let local = attributeName(at: index), isName(local), let value = attributeValue(at: index) else {
                continue
            }
            return value
        }
        return nil
    }
}

/// A name compared by the address of the parser's interned copy once it has been seen: one
/// pointer comparison per element instead of comparing bytes. libxml2's SAX2 parser interns
/// element, attribute and namespace names in its dictionary, one per parse: a value of this
/// type must not outlive the parse it learned the address in.
struct InternedName {
    private let name: StaticString
    private var address: UnsafeRawPointer?

    init(_ name: StaticString) { self.name = name }

    /// Whether the parser's name `candidate` (an element or attribute name) is this name.
    mutating func matches(_ candidate: UnsafePointer<xmlChar>) -> Bool {
        if let address { return UnsafeRawPointer(candidate) == address }
        guard xmlNameEquals(candidate, name) else { return false }
        address = UnsafeRawPointer(candidate)
        return true
    }

    /// Whether the element's local name is this name.
    mutating func isLocalName(of element: SAXElement) -> Bool {
        element.localNamePointer.map { matches($0) } ?? false
    }

    /// Whether the element's namespace is this name.
    mutating func isNamespace(of element: SAXElement) -> Bool {
        element.namespacePointer.map { matches($0) } ?? false
    }
}

/// The parser interns namespace URIs, so one converted string serves every element of a
/// namespace: an allocation per element saved.
struct SAXNamespaceCache {
    private var address: UnsafeRawPointer?
    private var value: String?

    mutating func string(for element: SAXElement) -> String? {
        guard let uri = element.namespacePointer.map(UnsafeRawPointer.init) else { return nil }
        if uri == address, let value { return value }
        let converted = element.namespace
        address = uri
        value = converted
        return converted
    }
}
