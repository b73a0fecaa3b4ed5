internal import CLibXML2
import Foundation

/// Writes an XML document to a file through libxml2's text writer, streaming:
/// nothing but the open element stack is held in memory.
public final class XMLStreamWriter {
    private let writer: xmlTextWriterPtr
    private let path: String
    private let buffer: xmlBufferPtr?
    /// The file written to; `nil` for an in-memory fragment.
    private let descriptor: Int32?
    private let indenting: Bool
    private var closed = false
    /// How many elements are open.
    private(set) var depth = 0
    /// Whether the innermost element's start tag still waits for its `>` (no child or text yet).
    private var startTagOpen = false

    /// Opens `path` for writing (replacing it).
    /// - Throws: `OutputError` when the file cannot be created.
    public init(path: String, indent: Bool = true) throws {
        // libxml2 writes through a descriptor of ours, so that `appendToFile` can add bytes of
        // another file in between without passing them through user space.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputError(path: path, message: "cannot create the file") }
        guard let output = xmlOutputBufferCreateFd(descriptor, nil) else {
            Glibc.close(descriptor)
            throw OutputError(path: path, message: "cannot create the file")
        }
        guard let writer = xmlNewTextWriter(output) else {
            xmlOutputBufferClose(output)
            Glibc.close(descriptor)
            throw OutputError(path: path, message: "cannot create the file")
        }
        self.writer = writer
        self.path = path
        self.descriptor = descriptor
        buffer = nil
        indenting = indent
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    /// Starts an in-memory fragment (no XML declaration), read back with `finishFragment()`.
    public init(fragmentNamed name: String) throws {
        guard let buffer = xmlBufferCreate() else { throw OutputError(path: name, message: "out of memory") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw OutputError(path: name, message: "out of memory")
        }
        self.writer = writer
        self.buffer = buffer
        descriptor = nil
        path = name
        indenting = true
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
    }

    deinit {
        if !closed {
            xmlFreeTextWriter(writer)
            if let descriptor { Glibc.close(descriptor) }
        }
        if let buffer { xmlBufferFree(buffer) }
    }

    /// The bytes of a fragment writer; the writer cannot be used afterwards.
    public func finishFragment() throws -> [UInt8] {
        try finishFragment { Array($0) }
    }

    /// Finishes the fragment and hands its bytes, in the writer's own buffer, to `body`: a caller
    /// that keeps only part of them copies that part once.
    func finishFragment<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) throws -> Result {
        guard let buffer, !closed else { throw OutputError(path: path, message: "is not an open fragment") }
        closed = true
        let flushed = xmlTextWriterFlush(writer)
        xmlFreeTextWriter(writer)
        guard flushed >= 0, let content = xmlBufferContent(buffer) else {
            throw OutputError(path: path, message: "could not be written")
        }
        return try body(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// The bytes written since the fragment began or since the last call, with no element open;
    /// the writer then goes on as a new one would (see ``ElementSerializer``).
    func takeWritten() throws -> [UInt8] {
        guard let buffer, !closed, depth == 0 else { throw OutputError(path: path, message: "is not an open fragment") }
        try check(xmlTextWriterFlush(writer))
        guard let content = xmlBufferContent(buffer) else { throw OutputError(path: path, message: "out of memory") }
        let bytes = Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
        xmlBufferEmpty(buffer)
        // A new writer starts on a fresh line; this marks the line as finished, as `rawElements` does.
        try check(xmlTextWriterSetIndent(writer, 1))
        return bytes
    }

    /// Writes bytes that are already well-formed XML (a fragment) as they are.
    public func raw(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        startTagOpen = false
        try bytes.withUnsafeBufferPointer { pointer in
            guard let base = pointer.baseAddress else { return }
            try check(xmlTextWriterWriteRawLen(writer, base, Int32(pointer.count)))
        }
    }

    /// Lets `append` write raw bytes (well-formed XML fragments, as `raw` takes them) straight
    /// to the file, by descriptor, without passing them through libxml2: first the pending start
    /// tag is closed as `raw` closes it, and everything libxml2 holds goes to the file, so that
    /// the appended bytes land after it. `append` gets the descriptor and the file's path.
    func appendToFile(_ append: (_ descriptor: Int32, _ path: String) throws -> Void) throws {
        guard let descriptor else { throw OutputError(path: path, message: "is not written to a file") }
        startTagOpen = false
        try Self.noBytes.withUnsafeBufferPointer { try check(xmlTextWriterWriteRawLen(writer, $0.baseAddress, 0)) }
        try check(xmlTextWriterFlush(writer))
        try append(descriptor, path)
    }

    /// A valid pointer for a raw write of zero bytes.
    private static let noBytes: [UInt8] = [0]

    /// Opens an element; close it with `endElement()`.
    public func startElement(_ name: String) throws {
        try Self.withXMLChars(name) { try check(xmlTextWriterStartElement(writer, $0)) }
        depth += 1
        startTagOpen = true
    }

    /// Writes one attribute of the element just opened. `nil` values are skipped.
    public func attribute(_ name: String, _ value: String?) throws {
        guard let value else { return }
        try Self.withXMLChars(name) { name in
            try Self.withXMLChars(Self.xmlCharacters(value)) {
                try check(xmlTextWriterWriteAttribute(writer, name, $0))
            }
        }
    }

    /// Writes escaped character data.
    public func text(_ value: String) throws {
        try Self.withXMLChars(Self.xmlCharacters(value)) { try check(xmlTextWriterWriteString(writer, $0)) }
        startTagOpen = false
    }

    /// Writes a comment.
    public func comment(_ value: String) throws {
        try Self.withXMLChars(Self.xmlCharacters(value)) { try check(xmlTextWriterWriteComment(writer, $0)) }
        startTagOpen = false
    }

    /// Closes the innermost open element.
    public func endElement() throws {
        try check(xmlTextWriterEndElement(writer))
        depth -= 1
        startTagOpen = false
    }

    /// For a fragment writer: writes, as children of the innermost open element, the elements
    /// that `append` adds to `lines` (as `serializedElement(depth:_:)` produces them for this
    /// depth), without passing them through libxml2's buffer. What libxml2 holds up to that
    /// point goes to `lines` first and its buffer is emptied; the bytes taken, those appended and
    /// those `finishFragment` gives are, in that order, the document libxml2 would have written.
    func rawElements(to lines: inout WrappedLines, append: (inout WrappedLines) throws -> Void) throws {
        guard let buffer, !closed else { throw OutputError(path: path, message: "is not an open fragment") }
        // libxml2 closes a pending start tag with `>` alone before raw bytes; the line break
        // it would write before a child element is added here.
        if startTagOpen && indenting { try raw(Self.lineBreak) }
        startTagOpen = false
        try Self.noBytes.withUnsafeBufferPointer { try check(xmlTextWriterWriteRawLen(writer, $0.baseAddress, 0)) }
        try check(xmlTextWriterFlush(writer))
        guard let content = xmlBufferContent(buffer) else { throw OutputError(path: path, message: "out of memory") }
        lines.append(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
        xmlBufferEmpty(buffer)
        try append(&lines)
        // After raw bytes libxml2 takes the line as unfinished and would not indent the parent's
        // end tag; setting the indentation again marks the line as finished.
        if indenting { try check(xmlTextWriterSetIndent(writer, 1)) }
    }

    private static let lineBreak: [UInt8] = [UInt8(ascii: "\n")]

    /// The bytes of the elements that `write` writes, indented as they are when written `depth`
    /// levels deep into an indented document, for `rawElements`.
    static func serializedElement(depth: Int, _ write: (XMLStreamWriter) throws -> Void) throws -> [UInt8] {
        let scratch = try XMLStreamWriter(fragmentNamed: "element")
        for _ in 0..<depth { try scratch.startElement("w") }
        try write(scratch)
        for _ in 0..<depth { try scratch.endElement() }
        let bytes = try scratch.finishFragment()
        // The wrappers' own lines come first and last, one per level.
        var prefix: [UInt8] = []
        var suffix: [UInt8] = []
        for level in 0..<depth {
            let indent = [UInt8](repeating: UInt8(ascii: " "), count: 2 * level)
            prefix += indent + Array("<w>\n".utf8)
            suffix = indent + Array("</w>\n".utf8) + suffix
        }
        guard bytes.count >= prefix.count + suffix.count, bytes.starts(with: prefix),
            bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
        else { throw OutputError(path: "element", message: "could not be serialized") }
        return Array(bytes[prefix.count..<(bytes.count - suffix.count)])
    }

    /// Writes `<name attributes...>text</name>` or an empty element when `text` is nil.
    public func element(_ name: String, _ attributes: [(String, String?)] = [], text: String? = nil) throws {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        if let text { try self.text(text) }
        try endElement()
    }

    /// Ends the document and flushes it to disk.
    public func close() throws {
        guard !closed else { return }
        closed = true
        let ended = xmlTextWriterEndDocument(writer)
        let flushed = xmlTextWriterFlush(writer)
        xmlFreeTextWriter(writer)
        let closedFile = descriptor.map { Glibc.close($0) } ?? 0
        if ended < 0 || flushed < 0 || closedFile != 0 {
            throw OutputError(path: path, message: "could not be written completely")
        }
    }

    /// Calls `body` with `text` as a NUL-terminated UTF-8 C string. A native string lends its own
    /// storage; the implicit String-to-pointer conversion would copy it into a new array each time.
    private static func withXMLChars<Result>(
        _ text: String, _ body: (UnsafePointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        try text.withCString { characters in
            try characters.withMemoryRebound(to: UInt8.self, capacity: text.utf8.count + 1, body)
        }
    }

    /// `text` with every character XML 1.0 cannot hold (NUL and the other C0 controls but tab,
    /// line feed and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD. Inputs such as JSON
    /// may carry them in a host or package name; written as they are, they would cut the string
    /// short (NUL) or make the report unreadable.
    static func xmlCharacters(_ text: String) -> String { ReportText.writable(text) }

    private func check(_ status: Int32) throws {
        if status < 0 { throw OutputError(path: path, message: "could not be written (disk full or not writable?)") }
    }
}

/// A report file or folder that could not be written.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder that could not be written.
    public var path: String
    /// What went wrong, phrased to follow the path, e.g. "cannot be created: ...".
    public var message: String

    /// Creates an error for `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The path and the problem, as printed on stderr.
    public var description: String { "\(path): \(message)" }
}
