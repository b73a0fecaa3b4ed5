import Foundation
import Testing

@testable import RecscanCore

@Suite("XML stream reader on untrusted input")
struct XMLStreamReaderTests {
    private func readError(_ text: String, limits: InputLimits = .standard) throws -> InputError {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("input.xml", text)
        do {
            try XMLStreamReader.read(path: path, displayName: "input.xml", limits: limits) { _ in }
        } catch let error as InputError {
            return error
        }
        Issue.record("expected an error")
        return InputError(file: "", message: "")
    }

    @Test func truncatedFileReportsLineAndColumn() throws {
        let error = try readError("<inventory>\n  <host hostname=\"a\">\n    <package name=\"x\"")
        #expect(error.file == "input.xml")
        #expect(error.line == 3)
        #expect(error.message.hasPrefix("ends early (the file looks truncated): "))
    }

    @Test func malformedBeforeTheEndIsNotCalledTruncated() throws {
        let error = try readError("<inventory>\n  <host hostname=\"a\" <<>/>\n</inventory>\n")
        #expect(error.message.hasPrefix("is not well-formed XML: "))
    }

    @Test func billionLaughsIsRejectedAtTheDoctype() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <inventory>&lol3;</inventory>
            """
        let error = try readError(bomb)
        // libxml2 may stop at the entity loop while reading the DTD, before the DOCTYPE node.
        #expect(error.message.contains("DOCTYPE") || error.message.contains("entity"))
        #expect(error.line != nil)
    }

    @Test func externalEntityIsNeverRead() throws {
        let xxe =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<x>&secret;</x>"
        let error = try readError(xxe)
        #expect(error.message.contains("DOCTYPE"))
        #expect(!error.description.contains("root:"))
    }

    @Test func deepNestingIsBounded() throws {
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        let error = try readError(deep, limits: InputLimits(maxFileBytes: 1 << 20, maxDepth: 32))
        #expect(error.message.contains("deeper than 32"))
    }

    @Test func emptyFileIsAnError() throws {
        let error = try readError("")
        #expect(error.file == "input.xml")
    }

    @Test func oversizedFileIsRejectedBeforeParsing() throws {
        let error = try readError(
            "<a>" + String(repeating: "x", count: 2000) + "</a>", limits: InputLimits(maxFileBytes: 1000, maxDepth: 8))
        #expect(error.message.contains("over the limit"))
    }

    @Test func utf16WithByteOrderMarkIsRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = (folder.path as NSString).appendingPathComponent("utf16.xml")
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><root name=\"héllo\"/>"
        guard let data = text.data(using: .utf16) else { return }
        try data.write(to: URL(fileURLWithPath: path))
        var names: [String] = []
        try XMLStreamReader.read(path: path) { event in
            if case .start(let element) = event { names.append(element["name"] ?? "") }
        }
        #expect(names == ["héllo"])
    }

    @Test func eventsCarryNamespaceDepthAndPosition() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("ok.xml", "<r xmlns=\"urn:x\">\n  <c a=\"1\"/>\n  <t>hi</t>\n</r>")
        var starts: [(String, String?, Int, Int)] = []
        var texts: [String] = []
        try XMLStreamReader.read(path: path) { event in
            switch event {
            case .start(let element): starts.append((element.localName, element.namespace, element.depth, element.line))
            case .text(let text): texts.append(text)
            case .end: break
            }
        }
        #expect(starts.map(\.0) == ["r", "c", "t"])
        #expect(starts.allSatisfy { $0.1 == "urn:x" })
        #expect(starts.map(\.2) == [0, 1, 1])
        #expect(starts.map(\.3) == [1, 2, 3])
        #expect(texts == ["hi"])
    }
}
