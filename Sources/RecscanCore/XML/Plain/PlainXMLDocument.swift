internal import CLibXML2

/// The elements of a document ``PlainXMLScanner`` read whole, shown afterwards to a reader as
/// libxml2's SAX2 parser would have shown them (see ``SAXElement``): the same names, namespace,
/// attribute values, depths, lines and self-closing flags, in the same order.
struct PlainXMLDocument: ~Copyable {
    /// An element's start or end, or character data. Offsets are into the names and the value
    /// bytes, which only stop moving once the document is whole.
    struct Event {
        enum Kind: UInt8 { case start, end, text }

        var kind: Kind
        var name: Int32
        /// Offset of the namespace URI among the names; -1 when the element has none.
        var namespace: Int32
        /// The first of the element's attributes; for text, its position in `texts`.
        var firstAttribute: Int32
        var attributeCount: Int32
        var line: Int32
        var isEmpty: Bool
    }

    /// Character data between two element starts or ends (or comments), decoded, not only
    /// blanks; at the depth ``SAXSession`` gives it.
    struct Text {
        var start: Int32
        var count: Int32
        var isCopy: Bool
        var depth: Int32
    }

    /// An unprefixed attribute: its value is in the file, or in `copies` when it had to be
    /// decoded (references, blanks that XML turns into spaces).
    struct Attribute {
        var name: Int32
        var valueStart: Int32
        var valueCount: Int32
        var isCopy: Bool
    }

    var events: GrowingList<Event>
    var attributes: GrowingList<Attribute>
    var texts = GrowingList<Text>()
    var names = PlainXMLNames()
    var copies = GrowingList<UInt8>(capacity: 256)
    /// The most attributes on one element.
    var widestElement = 0

    /// An empty document, with room for the elements of a file of `bytes` bytes: a package
    /// element with its attributes takes about a hundred.
    init(fileBytes bytes: Int) {
        events = GrowingList(capacity: bytes / 40)
        attributes = GrowingList(capacity: bytes / 20)
    }

    /// Shows every element start and end (and text, when scanned for it) to `visit`, as
    /// ``SAXSession`` does.
    /// - Parameter file: the bytes the document was scanned from.
    /// - Throws: what `visit` throws.
    func replay(file: UnsafeBufferPointer<UInt8>, visit: (SAXElement) throws -> Void) throws {
        guard let fileBase = file.baseAddress else { return }
        let layout = UnsafeMutablePointer<UnsafePointer<xmlChar>?>.allocate(capacity: max(1, widestElement * 5))
        defer { layout.deallocate() }
        let namesBase = names.storage.base
        let copiesBase = copies.base
        var depth = 0
        for position in 0..<events.count {
            let event = events[position]
            let namespace = event.namespace < 0 ? nil : UnsafePointer(namesBase + Int(event.namespace))
            let name = UnsafePointer(namesBase + Int(event.name))
            if event.kind == .text {
                let text = texts[Int(event.firstAttribute)]
                let bytes = text.isCopy ? UnsafePointer(copiesBase + Int(text.start)) : fileBase + Int(text.start)
                try visit(
                    SAXElement(
                        text: UnsafeBufferPointer(start: bytes, count: Int(text.count)), depth: Int(text.depth),
                        line: Int(event.line)))
                continue
            }
            if event.kind == .end {
                depth -= 1
                try visit(
                    SAXElement(
                        kind: .end, depth: depth, localName: name, namespace: namespace, attributeCount: 0,
                        attributes: nil, line: Int(event.line), isEmpty: false))
                continue
            }
            let count = Int(event.attributeCount)
            for position in 0..<count {
                let attribute = attributes[Int(event.firstAttribute) + position]
                let value =
                    attribute.isCopy
                    ? UnsafePointer(copiesBase + Int(attribute.valueStart)) : fileBase + Int(attribute.valueStart)
                let slot = layout + position * 5
                slot[0] = UnsafePointer(namesBase + Int(attribute.name))
                slot[1] = nil
                slot[2] = nil
                slot[3] = value
                slot[4] = value + Int(attribute.valueCount)
            }
            let element = SAXElement(
                kind: .start, depth: depth, localName: name, namespace: namespace, attributeCount: count,
                attributes: count > 0 ? layout : nil, line: Int(event.line), isEmpty: event.isEmpty)
            depth += 1
            try visit(element)
        }
    }
}
