/// The frame every page of a run shares: document head, breadcrumb, heading, main content, footer.
struct HTMLPage: Sendable {
    /// Where the page sits in the run folder.
    enum Location: Sendable {
        /// `index.html`, `style.css` next to it.
        case root
        /// `hosts/…` or `rules/…`, one folder down.
        case subfolder

        /// The prefix that leads from this page to the run folder.
        var toRoot: String {
            switch self {
            case .root: ""
            case .subfolder: "../"
            }
        }
    }

    var title: String
    var location: Location
    var run: RunInfo
    /// Trail of (label, href) links shown above the heading; the page itself comes last, unlinked.
    var breadcrumb: [(label: String, href: String)] = []
    var heading: HTMLFragment
    /// Shown right under the heading.
    var subtitle: HTMLFragment = .empty
    var sections: [HTMLFragment]

    /// The full document: landmarks (banner, navigation, main, contentinfo), a skip link, and the
    /// inline script last, so the page is readable before and without it. Returns the page as UTF-8.
    func render() -> [UInt8] {
        // One buffer, the sections copied once: `+` copies what it joins, and pages are megabytes.
        var document = HTMLFragment.empty
        document.reserve(sections.reduce(8_192) { $0 + $1.bytes.count })
        appendOpening(to: &document)
        for section in sections { document.append(section) }
        document.append(Self.closing(run))
        return document.bytes
    }

    /// Writes the document to `file` with `writeSections` in place of ``sections``, so that a
    /// page of thousands of rows is written as it is made instead of held whole in memory.
    func write(to file: ReportFile, writeSections: (ReportFile) throws -> Void) throws {
        try file.append(opening().bytes)
        try writeSections(file)
        try file.append(Self.closing(run).bytes)
        try file.close()
    }

    /// Everything before the sections.
    private func opening() -> HTMLFragment {
        var markup = HTMLFragment.empty
        appendOpening(to: &markup)
        return markup
    }

    /// Appends everything before the sections, piece by piece: every page of a run has it.
    private func appendOpening(to markup: inout HTMLFragment) {
        markup.append(
            markup: """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <meta name="generator" content="recscan">
                <title>
                """)
        markup.append(text: title)
        markup.append(markup: " · recscan ")
        markup.append(text: run.runID)
        markup.append(markup: "</title>\n<link rel=\"stylesheet\" href=\"")
        markup.append(text: location.toRoot)
        markup.append(
            markup: """
                style.css">
                </head>
                <body>
                <a class="skip" href="#content">Skip to content</a>
                <header class="page">

                """)
        if !breadcrumb.isEmpty {
            markup.append(markup: "<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\">")
            for item in breadcrumb {
                HTMLBlocks.appendLink(item.href, HTMLFragment(text: item.label), to: &markup)
                markup.append(markup: " › ")
            }
            markup.append(markup: "<span aria-current=\"page\">")
            markup.append(text: title)
            markup.append(markup: "</span></nav>\n")
        }
        markup.append(markup: "<h1>")
        markup.append(heading)
        markup.append(markup: "</h1>\n")
        markup.append(subtitle)
        markup.append(markup: "</header>\n<main id=\"content\">\n")
    }

    /// Everything after the sections.
    private static func closing(_ run: RunInfo) -> HTMLFragment {
        """
        </main>
        <footer class="page">
        <p>recscan run <span class="run">\(run.runID)</span> · catalog \(run.catalogVersion) · \
        reference time \(run.referenceTime)</p>
        </footer>
        <script>
        \(InlineScript.source)
        </script>
        </body>
        </html>

        """
    }
}
