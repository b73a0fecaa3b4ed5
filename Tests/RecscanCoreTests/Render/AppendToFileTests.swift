import Foundation
import Testing

@testable import RecscanCore

/// report.xml gets its host elements written straight to the file, in batches, after what
/// libxml2 holds; the document must be byte for byte what writing each element with `raw` gives.
@Suite("Host elements appended to report.xml")
struct AppendToFileTests {
    static let fragments = (0..<5).map { "  <host hostname=\"h\($0)\">\n    <os family=\"linux\"/>\n  </host>\n" }

    /// Writes a report-like document with `body` writing its hosts, and returns its bytes.
    static func document(
        at path: String, _ body: (XMLStreamWriter) throws -> Void
    ) throws -> [UInt8] {
        let writer = try XMLStreamWriter(path: path)
        try writer.startElement("report")
        try writer.attribute("run", "r")
        try writer.element("summary", [("hosts", "5")])
        try body(writer)
        try writer.element("rejected", [("file", "x")])
        try writer.endElement()
        try writer.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("appended batches give the bytes raw writes give, for any grouping of hosts")
    func appendedBatchesMatchRawWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bytes = Self.fragments.map { Array($0.utf8) }
        for batches in [[[0, 1, 2, 3, 4]], [[0], [1, 2], [3, 4]], [[4]], []] {
            let picked = batches.flatMap { $0 }
            let expected = try Self.document(at: folder.path + "/raw.xml") { writer in
                for index in picked { try writer.raw(bytes[index]) }
            }
            let appended = try Self.document(at: folder.path + "/appended.xml") { writer in
                for batch in batches {
                    let joined = batch.flatMap { bytes[$0] }
                    try writer.appendToFile { try HTMLOutput.writeAll(joined, to: $0, path: $1) }
                }
            }
            #expect(appended == expected, "\(batches)")
            #expect(String(decoding: appended, as: UTF8.self).contains(picked.isEmpty ? "<summary" : "hostname=\"h"))
        }
    }
}
