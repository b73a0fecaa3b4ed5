/// Fleet-wide lists that grow with the fleet (rules, exclusion overrides, triage plans, rejected
/// inputs) stay on the dashboard while they are short; a longer one gets a page of its own at
/// the run folder's root, and the dashboard shows a summary and a link instead. The list of rules,
/// a catalog's worth of rows, is written to its page row by row.
struct FleetListPages: Sendable {
    /// Rows a list may have and still sit on the dashboard.
    static let dashboardLimit = 200

    /// A list's own page.
    struct Page: Sendable {
        var fileName: String
        var title: String
        var intro: String
        var content: HTMLFragment
    }

    var run: RunInfo
    var results: FleetResults
    var links: PageLinks
    /// The dashboard's tables, for the full table of rules.
    var tables: DashboardTables

    /// Whether a list of `count` rows moves to its own page.
    static func isSplit(_ count: Int) -> Bool { count > dashboardLimit }

    /// Writes `rules.html` when the rules are too many for the dashboard, row by row.
    /// - Throws: ``HTMLWriteError`` when the file cannot be written.
    func writeRulesPage(into directory: String) throws {
        guard Self.isSplit(tables.rules.count) else { return }
        let title = "Rules"
        let page = HTMLPage(
            title: title, location: .root, run: run, breadcrumb: [(label: "Fleet", href: "index.html")],
            heading: "\(title)", sections: [])
        try page.write(to: try ReportFile(path: HTMLOutput.path(directory, "rules.html"))) { file in
            try file.append(HTMLBlocks.sectionOpening(id: "list", title: title, intro: IndexPage.rulesIntro).bytes)
            try tables.writeRulesTable(to: file)
            try file.append(HTMLBlocks.sectionClosing.bytes)
        }
    }

    /// The pages of the other lists that are too long for the dashboard.
    var pages: [Page] {
        var pages: [Page] = []
        if Self.isSplit(results.exclusions.count) {
            pages.append(
                Page(
                    fileName: "exclusions.html",
                    title: "Exclusion overrides",
                    intro: IndexPage.exclusionsIntro,
                    content: FleetTables.exclusions(results.exclusions, links: links)
                )
            )
        }
        if Self.isSplit(results.triage.count) {
            pages.append(
                Page(
                    fileName: "triage.html",
                    title: "False-positive triage",
                    intro: IndexPage.triageIntro,
                    content: FleetTables.triage(results.triage, links: links, toRoot: "", showHost: true)
                )
            )
        }
        if Self.isSplit(results.rejected.count) {
            pages.append(
                Page(
                    fileName: "rejected.html",
                    title: "Rejected inputs",
                    intro: IndexPage.rejectedIntro,
                    content: FleetTables.rejected(results.rejected)
                )
            )
        }
        return pages
    }

    /// The page as a document.
    func render(_ page: Page) -> [UInt8] {
        HTMLPage(
            title: page.title,
            location: .root,
            run: run,
            breadcrumb: [(label: "Fleet", href: "index.html")],
            heading: "\(page.title)",
            sections: [HTMLBlocks.section(id: "list", title: page.title, intro: page.intro, page.content)]
        )
        .render()
    }

    /// The line the dashboard shows in place of a list that has its own page.
    static func link(_ fileName: String, _ text: String) -> HTMLFragment {
        "<p class=\"more\">\(HTMLBlocks.link(fileName, "\(text)"))</p>\n"
    }
}
