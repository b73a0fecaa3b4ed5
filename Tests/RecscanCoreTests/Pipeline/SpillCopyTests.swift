import Foundation
import Testing

@testable import RecscanCore

/// report.xml takes its host fragments from the scratch file by a kernel copy; the document
/// must be byte for byte what writing each fragment with `raw` gives, in any order of ranges.
@Suite("Spill copy into report.xml")
struct SpillCopyTests {
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

    @Test("copied ranges give the bytes raw writes give, for contiguous and scattered ranges")
    func copiedRangesMatchRawWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let spill = try HostSpill(path: folder.path + "/spill")
        defer { spill.remove() }
        let ranges = try Self.fragments.map { try spill.append(Array($0.utf8)) }
        let reader = try spill.concurrentReader()
        defer { reader.close() }
        for order in [[0, 1, 2, 3, 4], [3, 0, 1, 4, 2], [4], []] {
            let picked = order.map { ranges[$0] }
            let expected = try Self.document(at: folder.path + "/raw.xml") { writer in
                for range in picked { try writer.raw(reader.read(range)) }
            }
            let copied = try Self.document(at: folder.path + "/copy.xml") { writer in
                try reader.copy(picked, into: writer)
            }
            #expect(copied == expected, "\(order)")
            #expect(String(decoding: copied, as: UTF8.self).contains(order.isEmpty ? "<summary" : "hostname=\"h"))
        }
    }
}
