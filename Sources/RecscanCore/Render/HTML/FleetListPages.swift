/// Fleet-wide lists that grow with the fleet (rules, exclusion overrides, triage plans, rejected
/// inputs) stay on the dashboard while they are short; a longer one gets a page of its own at
/// the run folder's root, and the dashboard shows a summary and a link instead.
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
    /// The dashboard's full table of rules.
    var rulesTable: HTMLFragment
    var ruleCount: Int

    /// Whether a list of `count` rows moves to its own page.
    static func isSplit(_ count: Int) -> Bool { count > dashboardLimit }

    /// The pages of the lists that are too long for the dashboard.
    var pages: [Page] {
        var pages: [Page] = []
        if Self.isSplit(ruleCount) {
            pages.append(
                Page(fileName: "rules.html", title: "Rules", intro: IndexPage.rulesIntro, content: rulesTable)
            )
        }
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
