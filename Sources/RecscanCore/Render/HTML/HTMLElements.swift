/// One column of an ``HTMLTable``.
struct TableColumn: Sendable {
    var header: String
    /// Numbers align right.
    var numeric = false

    init(_ header: String, numeric: Bool = false) {
        self.header = header
        self.numeric = numeric
    }
}

/// A data table with a caption, column headers and a row header in the first column.
///
/// Rows with no cells at all render the `emptyText` sentence instead of an empty table.
struct HTMLTable: Sendable {
    var caption: String
    var columns: [TableColumn]
    var body: HTMLTableRows
    var emptyText: String
    /// An extra class on the `<table>`, for styling.
    var className: String?
    /// What the inline script may add: sorting by a column header, a row filter. Without the
    /// script the table reads the same, in the order written.
    var behavior: Behavior

    /// What the inline script adds to a table (see ``InlineScript``).
    struct Behavior: OptionSet, Sendable {
        let rawValue: Int
        static let sortable = Behavior(rawValue: 1)
        static let filterable = Behavior(rawValue: 2)
        static let interactive: Behavior = [.sortable, .filterable]
    }

    /// A table of rows already written into `body` (see ``HTMLTableRows``).
    init(
        caption: String,
        columns: [TableColumn],
        body: HTMLTableRows,
        emptyText: String = "None.",
        className: String? = nil,
        behavior: Behavior = []
    ) {
        self.caption = caption
        self.columns = columns
        self.body = body
        self.emptyText = emptyText
        self.className = className
        self.behavior = behavior
    }

    /// A table of `rows`, each a list of cells.
    init(
        caption: String,
        columns: [TableColumn],
        rows: [[HTMLFragment]],
        emptyText: String = "None.",
        className: String? = nil,
        behavior: Behavior = []
    ) {
        var body = HTMLTableRows(columns: columns)
        // The rows' size is known: room for all of them at once, rather than doubling the buffer
        // past it (the dashboard's tables hold thousands of rows).
        body.reserve(rows.reduce(0) { total, cells in cells.reduce(total + 16) { $0 + $1.bytes.count + 30 } })
        for cells in rows { body.row(cells) }
        self.init(
            caption: caption, columns: columns, body: body, emptyText: emptyText, className: className,
            behavior: behavior)
    }

    func render() -> HTMLFragment {
        guard body.count > 0 else { return opening(rowCount: 0) }
        var table = opening(rowCount: body.count, reserving: body.markup.bytes.count + Self.closing.bytes.count)
        table.append(body.markup)
        table.append(Self.closing)
        return table
    }

    /// The markup before the rows of a table of `rowCount` rows (whose classes depend on it), or
    /// the empty text when there are none; for a table written row by row, ``closing`` follows
    /// the rows. `extra` bytes of room are made for what follows.
    func opening(rowCount: Int, reserving extra: Int = 0) -> HTMLFragment {
        guard rowCount > 0 else { return "<p class=\"none\">\(emptyText)</p>\n" }
        // Written in place, in one buffer: a page holds several tables, and fragments for each
        // header and class made each table cost thousands of instructions.
        var table = HTMLFragment.empty
        table.reserve(extra + 160 + caption.utf8.count + 48 * columns.count)
        table.append(markup: "<table class=\"data")
        if let className {
            table.append(markup: " ")
            table.append(text: className)
        }
        // Sorting or filtering a handful of rows helps nobody.
        if behavior.contains(.sortable) && rowCount > 3 { table.append(markup: " sortable") }
        if behavior.contains(.filterable) && rowCount > 5 { table.append(markup: " filterable") }
        table.append(markup: "\">\n<caption>")
        table.append(text: caption)
        table.append(markup: "</caption>\n<thead><tr>")
        for column in columns {
            table.append(markup: column.numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">")
            table.append(text: column.header)
            table.append(markup: "</th>")
        }
        table.append(markup: "</tr></thead>\n<tbody>\n")
        return table
    }

    /// The markup after the rows.
    static let closing: HTMLFragment = "</tbody>\n</table>\n"
}

/// The rows of an ``HTMLTable``, written cell by cell into one buffer: a fragment per cell and
/// per row, or an array of them per row, cost more than the cells on pages of thousands of rows.
/// The first cell of a row is its header.
struct HTMLTableRows: Sendable {
    /// The `<tr>` elements written so far.
    private(set) var markup: HTMLFragment = .empty
    /// Rows written so far.
    private(set) var count = 0
    /// Whether each column holds numbers, which align right.
    private let numeric: [Bool]
    private var cellsInRow = 0

    init(columns: [TableColumn]) { numeric = columns.map(\.numeric) }

    /// Makes room for `count` more bytes of rows.
    mutating func reserve(_ count: Int) { markup.reserve(count) }

    /// Writes one row; `write` adds its cells with ``cell(_:)`` or ``cell(writing:)``.
    mutating func row(_ write: (inout HTMLTableRows) -> Void) {
        markup.append(markup: "<tr>")
        cellsInRow = 0
        write(&self)
        markup.append(markup: "</tr>\n")
        count += 1
    }

    /// The rows written since the last call, taken out of the buffer to be written to a file;
    /// ``count`` goes on counting every row.
    mutating func takeMarkup() -> [UInt8] {
        defer { markup = .empty }
        return markup.bytes
    }

    /// Writes one row of `cells`.
    mutating func row(_ cells: [HTMLFragment]) {
        row { row in
            for cell in cells { row.cell(cell) }
        }
    }

    /// Adds a cell holding `content`.
    mutating func cell(_ content: HTMLFragment) {
        let header = openCell()
        markup.append(content)
        markup.append(markup: header ? "</th>" : "</td>")
        cellsInRow += 1
    }

    /// The markup of `cells` as cells of a row of a table with `columns`, the first of them in
    /// column `first`, for ``cells(_:count:)`` to add to many rows at once: the cells a rule
    /// has on every host, a host's link on every rule page.
    static func cellsMarkup(_ cells: [HTMLFragment], columns: [TableColumn], from first: Int = 0) -> HTMLFragment {
        var rows = HTMLTableRows(columns: columns)
        rows.cellsInRow = first
        for cell in cells { rows.cell(cell) }
        return rows.markup
    }

    /// Adds `count` cells made by ``cellsMarkup(_:columns:from:)`` for the row's next column.
    mutating func cells(_ markup: HTMLFragment, count: Int) {
        self.markup.append(markup)
        cellsInRow += count
    }

    /// Adds a cell whose content `write` appends in place.
    mutating func cell(writing write: (inout HTMLFragment) -> Void) {
        let header = openCell()
        write(&markup)
        markup.append(markup: header ? "</th>" : "</td>")
        cellsInRow += 1
    }

    /// Writes the next cell's opening tag, in one piece (pages have millions of cells), and tells
    /// whether it is the row's header.
    private mutating func openCell() -> Bool {
        let header = cellsInRow == 0
        let numeric = cellsInRow < self.numeric.count && self.numeric[cellsInRow]
        switch (header, numeric) {
        case (true, false): markup.append(markup: "<th scope=\"row\">")
        case (true, true): markup.append(markup: "<th scope=\"row\" class=\"num\">")
        case (false, false): markup.append(markup: "<td>")
        case (false, true): markup.append(markup: "<td class=\"num\">")
        }
        return header
    }
}

/// Small element builders shared by the pages.
enum HTMLBlocks {
    /// A `<section>` with its `<h2>` heading; `id` is a fixed anchor name chosen by the page.
    static func section(id: String, title: String, count: Int? = nil, intro: String? = nil, _ content: HTMLFragment)
        -> HTMLFragment
    {
        // One buffer, the content copied once: `+` copies what it joins, and a section holds a page's tables.
        var markup = sectionOpening(id: id, title: title, count: count, intro: intro, room: content.bytes.count + 12)
        markup.append(content)
        markup.append(sectionClosing)
        return markup
    }

    /// A ``section(id:title:count:intro:_:)`` up to its content, for content written piece by piece.
    /// - Parameter room: bytes to make room for after the opening, for the content.
    static func sectionOpening(
        id: String, title: String, count: Int? = nil, intro: String? = nil, room: Int = 0
    ) -> HTMLFragment {
        // Appended piece by piece: pages open thousands of sections, and fragments interpolated
        // into a literal cost an allocation each.
        var markup = HTMLFragment.empty
        markup.reserve(80 + id.utf8.count + title.utf8.count + (intro?.utf8.count ?? 0) + room)
        markup.append(markup: "<section id=\"")
        markup.append(text: id)
        markup.append(markup: "\">\n<h2>")
        markup.append(text: title)
        if let count {
            markup.append(markup: " <span class=\"count\">(")
            markup.append(grouped: count)
            markup.append(markup: ")</span>")
        }
        markup.append(markup: "</h2>\n")
        if let intro {
            markup.append(markup: "<p class=\"intro\">")
            markup.append(text: intro)
            markup.append(markup: "</p>\n")
        }
        return markup
    }

    /// What follows a section's content.
    static let sectionClosing: HTMLFragment = "</section>\n"

    /// A list of facts: term and description pairs.
    static func facts(_ items: [(term: String, value: HTMLFragment)]) -> HTMLFragment {
        // Appended in place: a fragment per entry cost an allocation each, on every rule page.
        var markup = HTMLFragment.empty
        markup.reserve(items.reduce(32) { $0 + $1.term.utf8.count + $1.value.bytes.count + 20 })
        markup.append(markup: "<dl class=\"facts\">\n")
        for item in items {
            markup.append(markup: "<dt>")
            markup.append(text: item.term)
            markup.append(markup: "</dt><dd>")
            markup.append(item.value)
            markup.append(markup: "</dd>\n")
        }
        markup.append(markup: "</dl>\n")
        return markup
    }

    /// A bulleted list; `nil` when there is nothing to list.
    static func list(_ items: [HTMLFragment], className: String? = nil) -> HTMLFragment {
        guard !items.isEmpty else { return .empty }
        var markup = HTMLFragment.empty
        markup.reserve(items.reduce(32) { $0 + $1.bytes.count + 9 })
        markup.append(markup: "<ul")
        if let className {
            markup.append(markup: " class=\"")
            markup.append(text: className)
            markup.append(markup: "\"")
        }
        markup.append(markup: ">")
        for item in items {
            markup.append(markup: "<li>")
            markup.append(item)
            markup.append(markup: "</li>")
        }
        markup.append(markup: "</ul>")
        return markup
    }

    /// A numbered list whose items keep their own numbers.
    static func orderedList(_ items: [(number: Int, content: HTMLFragment)]) -> HTMLFragment {
        guard !items.isEmpty else { return .empty }
        var markup = HTMLFragment.empty
        markup.reserve(items.reduce(16) { $0 + $1.content.bytes.count + 24 })
        markup.append(markup: "<ol>")
        for item in items {
            markup.append(markup: "<li value=\"")
            markup.append(item.number)
            markup.append(markup: "\">")
            markup.append(item.content)
            markup.append(markup: "</li>")
        }
        markup.append(markup: "</ol>")
        return markup
    }

    /// A link to a page of this run; `href` is a relative path built from safe file names.
    static func link(_ href: String, _ label: HTMLFragment) -> HTMLFragment {
        var markup = HTMLFragment.empty
        appendLink(href, label, to: &markup)
        return markup
    }

    /// Appends a ``link(_:_:)`` to `markup`.
    static func appendLink(_ href: String, _ label: HTMLFragment, to markup: inout HTMLFragment) {
        markup.append(markup: "<a href=\"")
        markup.append(text: href)
        markup.append(markup: "\">")
        markup.append(label)
        markup.append(markup: "</a>")
    }

    /// A link to a host's page, `toRoot` leading from the page to the run folder.
    static func hostLink(fileName: String, hostname: String, toRoot: String) -> HTMLFragment {
        var markup = HTMLFragment.empty
        appendHostLink(fileName: fileName, hostname: hostname, toRoot: toRoot, to: &markup)
        return markup
    }

    /// Appends a ``hostLink(fileName:hostname:toRoot:)``: the ``link(_:_:)`` to
    /// `toRoot` + `hosts/<fileName>.html`, without making the address first (dashboards and rule
    /// pages link thousands of hosts).
    static func appendHostLink(fileName: String, hostname: String, toRoot: String, to markup: inout HTMLFragment) {
        markup.append(markup: "<a href=\"")
        markup.append(text: toRoot)
        markup.append(markup: "hosts/")
        markup.append(text: fileName)
        markup.append(markup: ".html\">")
        markup.append(text: hostname)
        markup.append(markup: "</a>")
    }

    /// Appends a card of a `cards` list: a count, linked to where its items are, in the tone of
    /// what it asks for (quiet when there are none), with its label and, when given, a detail.
    static func appendCard(
        value: Int, label: String, detail: String? = nil, href: String, tone: String, to markup: inout HTMLFragment
    ) {
        markup.append(markup: "<li class=\"card tone-")
        markup.append(text: value == 0 ? "quiet" : tone)
        markup.append(markup: "\"><a href=\"")
        markup.append(text: href)
        markup.append(markup: "\"><span class=\"value\">")
        markup.append(grouped: value)
        markup.append(markup: "</span> <span class=\"label\">")
        markup.append(text: label)
        markup.append(markup: "</span>")
        if let detail {
            markup.append(markup: " <span class=\"detail\">")
            markup.append(text: detail)
            markup.append(markup: "</span>")
        }
        markup.append(markup: "</a></li>")
    }

    /// A notice the reader must not miss.
    static func alert(_ text: String) -> HTMLFragment { "<p class=\"alert\" role=\"note\">\(text)</p>\n" }

    /// A short label with a class derived from a fixed vocabulary value (status, severity...).
    static func badge(_ text: String, kind: String) -> HTMLFragment {
        "<span class=\"badge \(CSSClass.name(kind))\">\(text)</span>"
    }

    /// A severity badge that sorts by rank (critical first when sorted descending).
    static func severity(_ severity: Severity) -> HTMLFragment { severityBadges[severity.rank] }

    /// Each severity's badge by rank, made once: every rule page and dashboard row shows one.
    private static let severityBadges = Severity.allCases.sorted().map { severity -> HTMLFragment in
        "<span class=\"badge \(CSSClass.name(severity.rawValue))\" data-sort=\"\(severity.rank)\">\(severity.rawValue)</span>"
    }

    /// A count for a table cell; a zero is muted, so the numbers that matter stand out.
    static func count(_ value: Int) -> HTMLFragment {
        var count = HTMLFragment.empty
        appendCount(value, to: &count)
        return count
    }

    /// Appends ``count(_:)`` of `value` to `markup`, without a fragment of its own.
    static func appendCount(_ value: Int, to markup: inout HTMLFragment) {
        if value == 0 {
            markup.append(markup: "<span class=\"zero\" data-sort=\"0\">0</span>")
        } else {
            markup.append(value)
        }
    }

    /// Text in a `<code>` element.
    static func code(_ text: String) -> HTMLFragment { "<code>\(text)</code>" }
}

/// CSS class names derived from vocabulary values.
enum CSSClass {
    /// `is-` and the ``token(_:)`` of `value`, e.g. `is-high`.
    static func name(_ value: String) -> String { "is-" + token(value) }

    /// Keeps letters, digits and `-`; anything else becomes `-`.
    static func token(_ value: String) -> String {
        // Vocabulary values are nearly always tokens already; this runs for every badge of every page.
        if value.utf8.allSatisfy({ byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
            default: false
            }
        }) {
            return value
        }
        let scalars = value.lowercased().unicodeScalars
            .map { scalar -> Character in
                switch scalar {
                case "a"..."z", "0"..."9", "-": Character(scalar)
                default: "-"
                }
            }
        return String(scalars)
    }
}
