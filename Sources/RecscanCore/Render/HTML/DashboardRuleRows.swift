/// The dashboard's rows about rules that name hosts: decisions by rule and reason, automatic
/// assignments, rules to unassign, rules assigned by hand. Each is made when the rule's rows are
/// read back for its page (``HTMLReportWriter``), from a ``RuleTally`` of them, and waits in a
/// scratch file (``RowSpill``) until `index.html` is written; memory keeps what ranks a row and
/// where it is, a few dozen bytes per rule.
struct DashboardRuleRows: Sendable {
    /// Where a rule's row is, with the rule's position in the sorted rules.
    struct Entry: Sendable {
        var rule: Int32
        var span: RowSpill.Span
    }

    /// A row of decisions waiting: one rule and reason, ranked by how many hosts wait and how
    /// many it would block traffic on.
    struct Decision: Sendable {
        var entry: Entry
        var reason: ManualReason?
        var hosts: Int32
        var blocking: Int32
    }

    /// A row of the rules assigned by hand, ranked by how many hosts and how many it blocks on.
    struct ByHand: Sendable {
        var entry: Entry
        var hosts: Int32
        var blocking: Int32
    }

    private(set) var decisions: [Decision] = []
    private(set) var automatic: [Entry] = []
    private(set) var unassign: [Entry] = []
    private(set) var byHand: [ByHand] = []
    private var spill: RowSpill
    private let hosts: [HostDigest]
    private let catalog: Catalog

    static let decisionColumns = [
        TableColumn("Rule"), TableColumn("Severity"), TableColumn("Why it waits"),
        TableColumn("Hosts", numeric: true), TableColumn("Would block on", numeric: true), TableColumn("Which hosts"),
    ]
    static let automaticColumns = [
        TableColumn("Rule"), TableColumn("Module"), TableColumn("Severity"), TableColumn("Hosts", numeric: true),
        TableColumn("Will block on", numeric: true), TableColumn("Which hosts"),
    ]
    static let unassignColumns = [
        TableColumn("Rule"), TableColumn("Severity"), TableColumn("Hosts", numeric: true), TableColumn("Assigned at"),
        TableColumn("Which hosts"),
    ]
    static let byHandColumns = [
        TableColumn("Rule"), TableColumn("Severity"), TableColumn("Why never automatic"),
        TableColumn("Hosts", numeric: true), TableColumn("Blocks on", numeric: true), TableColumn("Which hosts"),
    ]

    /// Rows that link `hosts` (every host of the run, in written order), kept at `path`.
    init(path: String, hosts: [HostDigest], catalog: Catalog) {
        spill = RowSpill(path: path)
        self.hosts = hosts
        self.catalog = catalog
    }

    /// Makes the rows of `rule`, at `position` in the sorted rules, from its rows in host order.
    mutating func add(_ rule: RuleDigest, position: Int, rows: [RuleHostRow]) throws {
        let tally = RuleTally(rows: rows)
        let position = Int32(position)
        for reason in ReportWords.reasonOrder.map(Optional.some) + [nil] {
            guard let sample = tally.decisions(reason), sample.count > 0 else { continue }
            let why: HTMLFragment = reason.map { "\(ReportWords.manualReason($0))" } ?? "no reason recorded"
            let cells = [
                DashboardTables.ruleLabel(rule, catalog: catalog), HTMLBlocks.severity(rule.severity), why,
                "\(sample.count)", HTMLBlocks.count(sample.blocking), hostLinks(sample.firstHosts, total: sample.count),
            ]
            let entry = Entry(rule: position, span: try spill.append(Self.row(cells, Self.decisionColumns)))
            decisions.append(
                Decision(entry: entry, reason: reason, hosts: Int32(sample.count), blocking: Int32(sample.blocking)))
        }
        if tally.automatic.count > 0 {
            let sample = tally.automatic
            let cells = [
                DashboardTables.ruleLabel(rule, catalog: catalog), "\(ReportWords.module(rule.module))",
                HTMLBlocks.severity(rule.severity), "\(sample.count)", HTMLBlocks.count(sample.blocking),
                hostLinks(sample.firstHosts, total: sample.count),
            ]
            automatic.append(Entry(rule: position, span: try spill.append(Self.row(cells, Self.automaticColumns))))
        }
        if tally.unassign.count > 0 {
            let sample = tally.unassign
            let cells = [
                DashboardTables.ruleLabel(rule, catalog: catalog), HTMLBlocks.severity(rule.severity),
                "\(sample.count)", Self.levels(tally), hostLinks(sample.firstHosts, total: sample.count),
            ]
            unassign.append(Entry(rule: position, span: try spill.append(Self.row(cells, Self.unassignColumns))))
        }
        if tally.byHand.count > 0 {
            let sample = tally.byHand
            let reason = catalog.rules[rule.id]?.neverAutoReason.map(ReportWords.neverAutoReason) ?? ""
            let cells = [
                DashboardTables.ruleLabel(rule, catalog: catalog), HTMLBlocks.severity(rule.severity), "\(reason)",
                "\(sample.count)",
                sample.blocking > 0 ? HTMLBlocks.badge("\(sample.blocking)", kind: "blocks") : HTMLBlocks.count(0),
                hostLinks(tally.byHandHostsBlockingFirst, total: sample.count),
            ]
            let entry = Entry(rule: position, span: try spill.append(Self.row(cells, Self.byHandColumns)))
            byHand.append(ByHand(entry: entry, hosts: Int32(sample.count), blocking: Int32(sample.blocking)))
        }
    }

    /// Writes the rows at `entries` to `file`, in that order.
    func write(_ entries: [Entry], to file: ReportFile) throws { try spill.write(entries.map(\.span), to: file) }

    /// Deletes the scratch file.
    mutating func remove() { spill.remove() }

    private static func row(_ cells: [HTMLFragment], _ columns: [TableColumn]) -> [UInt8] {
        var body = HTMLTableRows(columns: columns)
        body.row(cells)
        return body.markup.bytes
    }

    /// The first hosts of a group as links (``RuleTally/sampleSize`` at most), then how many
    /// more the rule page lists.
    private func hostLinks(_ firstHosts: [Int], total: Int) -> HTMLFragment {
        // Appended in place: a link per host and rule made a string and two fragments each.
        var links = HTMLFragment.empty
        let shown = firstHosts.prefix(RuleTally.sampleSize)
        for (index, host) in shown.enumerated() {
            if index > 0 { links.append(markup: ", ") }
            HTMLBlocks.appendHostLink(
                fileName: hosts[host].fileName, hostname: hosts[host].hostname, toRoot: "", to: &links)
        }
        let rest = total - shown.count
        if rest > 0 { links.append(" <span class=\"detail\">and \(ReportWords.number(rest)) more</span>") }
        return links
    }

    /// "policy base (3 hosts), the computer (1 host)": the levels to change, root policies first.
    private static func levels(_ tally: RuleTally) -> HTMLFragment {
        let order = tally.unassignLevels
        let counts = tally.unassignLevelHosts
        let policies = order.filter { $0.kind != .computer } + order.filter { $0.kind == .computer }
        let parts = policies.map { level in
            "\(ReportWords.level(level, computerName: "the computer")) (\(ReportWords.plural(counts[level] ?? 0, "host")))"
        }
        return "\(parts.joined(separator: ", "))"
    }
}
