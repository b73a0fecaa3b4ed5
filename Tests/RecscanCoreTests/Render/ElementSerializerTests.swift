import Testing

@testable import RecscanCore

/// Report fragments are assembled from elements serialized once and copied: the reused writer
/// must give the bytes a new writer, wrapped to the element's depth, gives.
@Suite("Element serializer")
struct ElementSerializerTests {
    static func evidence(_ writer: XMLStreamWriter, _ name: String) throws {
        try writer.element(
            "evidence", [("kind", "package"), ("name", name), ("version", "1:2.0<3 & \"x\"\n"), ("arch", nil)])
    }

    static func rule(_ writer: XMLStreamWriter) throws {
        try writer.startElement("rule")
        try writer.attribute("id", "1000")
        try writer.element("assignedAt", [("level", "policy"), ("id", "base")])
        try writer.element("x")
        try writer.endElement()
    }

    @Test("one writer, reused at every depth, writes what a new wrapped writer writes")
    func reusedWriterMatchesWrappedWriter() throws {
        let serializer = ElementSerializer()
        for depth in [0, 1, 3, 2, 0] {
            for name in ["openssl", "lib&<>'\"", "é"] {
                let expected = try XMLStreamWriter.serializedElement(depth: depth) { try Self.evidence($0, name) }
                #expect(try serializer.serialize(depth: depth) { try Self.evidence($0, name) } == expected)
            }
            let expected = try XMLStreamWriter.serializedElement(depth: depth, Self.rule)
            #expect(try serializer.serialize(depth: depth, Self.rule) == expected)
        }
    }

    @Test("text spanning lines takes the wrapped writer, and a failed element leaves no trace")
    func textAndFailures() throws {
        let serializer = ElementSerializer()
        let multiline: (XMLStreamWriter) throws -> Void = { try $0.element("finding", text: "one\ntwo") }
        #expect(
            try serializer.serialize(depth: 2, multiline)
                == XMLStreamWriter.serializedElement(depth: 2, multiline))
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try serializer.serialize(depth: 1) { writer in
                try writer.startElement("open")
                throw Failure()
            }
        }
        let expected = try XMLStreamWriter.serializedElement(depth: 1) { try Self.evidence($0, "after") }
        #expect(try serializer.serialize(depth: 1) { try Self.evidence($0, "after") } == expected)
    }

    /// A wrapped document whose `<host>` holds `before` children, then two rules, then `after`
    /// children; the rules either written by the writer itself or spliced as serialized bytes.
    static func document(before: Int, after: Int, splice: Bool) throws -> [UInt8] {
        let writer = try XMLStreamWriter(fragmentNamed: "test")
        try writer.startElement("wrapper")
        var lines = WrappedLines(RenderBuffer())
        try writer.startElement("host")
        try writer.attribute("hostname", "web-1")
        for index in 0..<before { try Self.evidence(writer, "before-\(index)") }
        if splice {
            let depth = writer.depth
            try writer.rawElements(to: &lines) { lines in
                lines.bytes.append(try XMLStreamWriter.serializedElement(depth: depth, Self.rule))
                lines.bytes.append(try XMLStreamWriter.serializedElement(depth: depth) { try Self.evidence($0, "é<") })
            }
        } else {
            try Self.rule(writer)
            try Self.evidence(writer, "é<")
        }
        for index in 0..<after { try writer.element("finding", [("kind", "stale")], text: "old \(index)") }
        try writer.endElement()
        try writer.endElement()
        #expect(try writer.finishFragment { lines.appendLast($0, closing: "</wrapper>") })
        return lines.bytes.array
    }

    @Test("elements spliced into a fragment give the bytes the writer would have written itself")
    func splicedElementsMatchWrittenOnes() throws {
        for before in [0, 1, 2] {
            for after in [0, 1] {
                let written = try Self.document(before: before, after: after, splice: false)
                #expect(try Self.document(before: before, after: after, splice: true) == written)
                #expect(String(decoding: written, as: UTF8.self).hasPrefix("  <host hostname=\"web-1\">\n"))
            }
        }
    }
}
