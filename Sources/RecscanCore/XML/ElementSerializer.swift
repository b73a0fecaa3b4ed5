/// Serializes elements for ``XMLStreamWriter/rawElements(to:append:)`` through one libxml2 writer, reused
/// from element to element: a new writer, and the wrapper elements that make it indent, cost
/// more than most elements themselves. Elements are written at depth 0 and their lines then
/// indented to the depth they will sit at, which is what libxml2 writes there.
final class ElementSerializer {
    private var scratch: XMLStreamWriter?

    /// The bytes of the elements `write` writes, as `XMLStreamWriter.serializedElement(depth:_:)`
    /// gives them.
    func serialize(depth: Int, _ write: (XMLStreamWriter) throws -> Void) throws -> [UInt8] {
        let scratch = try self.scratch ?? XMLStreamWriter(fragmentNamed: "element")
        self.scratch = scratch
        let bytes: [UInt8]
        do {
            try write(scratch)
            bytes = try scratch.takeWritten()
        } catch {
            // Elements may be left open: the next element gets a new writer.
            self.scratch = nil
            throw error
        }
        // Text spanning lines is indented by libxml2 in its own way: such elements take the
        // writer that wraps them.
        guard let indented = Self.indentingMarkupLines(bytes, by: depth) else {
            return try XMLStreamWriter.serializedElement(depth: depth, write)
        }
        return indented
    }

    /// `bytes` with `2 * depth` spaces before each line, if every line is markup (starts with
    /// `<` after libxml2's own indentation); `nil` otherwise.
    static func indentingMarkupLines(_ bytes: [UInt8], by depth: Int) -> [UInt8]? {
        var indented: [UInt8] = []
        indented.reserveCapacity(bytes.count + 8 * depth)
        var lineStart = true
        var inIndentation = false
        for byte in bytes {
            if lineStart {
                indented.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
                inIndentation = true
            }
            if inIndentation && byte != UInt8(ascii: " ") {
                guard byte == UInt8(ascii: "<") else { return nil }
                inIndentation = false
            }
            indented.append(byte)
            lineStart = byte == UInt8(ascii: "\n")
        }
        return indented
    }
}
