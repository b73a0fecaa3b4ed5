import Foundation
import Testing
@testable import RecscanCore

/// Long pages are written piece by piece (page, section and table openings, the rows, the
/// closings); the pieces must read exactly as the page rendered whole.
@Suite("Pages written piece by piece") struct PageStreamingTests {
    private static let columns = [TableColumn("Rule"), TableColumn("Hosts", numeric: true)]

    private static func rows(_ count: Int) -> HTMLTableRows {
        var rows = HTMLTableRows(columns: columns)
        for index in 0..<count { rows.row(["rule <\(index)>", "\(index)"]) }
        return rows
    }

    private static func table(_ count: Int) -> HTMLTable {
        HTMLTable(
            caption: "Rules & hosts", columns: columns, body: rows(count), emptyText: "None here.",
            behavior: .interactive)
    }

    @Test(arguments: [0, 1, 4, 6, 300])
    func aTableInPiecesReadsAsTheTable(rows count: Int) {
        let table = Self.table(count)
        var pieces = table.opening(rowCount: count)
        if count > 0 {
            pieces.append(Self.table(count).body.markup)
            pieces.append(HTMLTable.closing)
        }
        #expect(pieces == table.render())
    }

    @Test func aSectionInPiecesReadsAsTheSection() {
        let content = Self.table(3).render()
        let whole = HTMLBlocks.section(id: "list", title: "Rules", count: 3, intro: "Every rule.", content)
        let pieces =
            HTMLBlocks.sectionOpening(id: "list", title: "Rules", count: 3, intro: "Every rule.") + content
            + HTMLBlocks.sectionClosing
        #expect(pieces == whole)
    }

    @Test func aPageWrittenToItsFileReadsAsThePageRendered() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recscan-page-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sections = [HTMLBlocks.section(id: "a", title: "A", Self.table(2).render()), HTMLFragment("<p>b</p>\n")]
        let page = HTMLPage(
            title: "Rules", location: .root, run: RenderFixture.run, breadcrumb: [(label: "Fleet", href: "index.html")],
            heading: "Rules", sections: sections)
        try page.write(to: try ReportFile(path: path)) { file in
            for section in sections { try file.append(section.bytes) }
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == page.render())
    }
}
