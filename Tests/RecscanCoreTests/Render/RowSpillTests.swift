import Foundation
import Testing
@testable import RecscanCore

@Suite("Spilled table rows") struct RowSpillTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("recscan-\(name)-\(UUID().uuidString)").path
    }

    /// Rows come back byte for byte in the order asked for, whether they reached the scratch
    /// file or still waited in memory, and the scratch file goes away.
    @Test func rowsComeBackInTheOrderAskedFor() throws {
        let scratch = temporaryPath("spill")
        let output = temporaryPath("rows")
        defer { try? FileManager.default.removeItem(atPath: output) }
        var spill = RowSpill(path: scratch)
        // Rows of 1 to 40 KiB: more than one batch reaches the file, the last ones stay in memory.
        let rows = (0..<40).map { index in [UInt8](repeating: UInt8(65 + index % 26), count: 1 + index * 1024) }
        var spans: [RowSpill.Span] = []
        for row in rows { spans.append(try spill.append(row)) }
        #expect(FileManager.default.fileExists(atPath: scratch))
        let order = Array(rows.indices.reversed()) + [7, 7, 0]
        let file = try ReportFile(path: output)
        try spill.write(order.map { spans[$0] }, to: file)
        try file.close()
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(written == order.flatMap { rows[$0] })
        spill.remove()
        #expect(!FileManager.default.fileExists(atPath: scratch))
    }

    /// A few rows never reach the disk: no scratch file is made for them.
    @Test func aFewRowsStayInMemory() throws {
        let scratch = temporaryPath("spill")
        let output = temporaryPath("rows")
        defer { try? FileManager.default.removeItem(atPath: output) }
        var spill = RowSpill(path: scratch)
        let first = try spill.append(Array("<tr><td>a</td></tr>\n".utf8))
        let second = try spill.append(Array("<tr><td>b</td></tr>\n".utf8))
        let file = try ReportFile(path: output)
        try spill.write([second, first], to: file)
        try file.close()
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "<tr><td>b</td></tr>\n<tr><td>a</td></tr>\n")
        #expect(!FileManager.default.fileExists(atPath: scratch))
        spill.remove()
    }
}
