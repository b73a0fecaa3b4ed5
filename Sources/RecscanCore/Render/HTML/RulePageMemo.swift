/// What rule pages repeat from rule to rule, worked out once for all of a run's rule pages: each
/// host's link and policy cells, the order of the policies, and the cells a row's details give
/// (apply, reason, levels, exclusion), which take few distinct values in a fleet. A fleet's rule
/// pages hold as many rows as its host pages; rendering these cells afresh was most of their cost.
///
/// A memo gives the same bytes as rendering afresh (`PageMemoTests` checks it).
struct RulePageMemo: Sendable {
    /// Each host's cells, by the host's position in the run.
    let hostCells: [HostCells]
    /// Each host's policy, numbered in the order the "By policy" tables list them.
    let policyRank: [Int]
    /// The "By policy" tables' first cell, by policy rank.
    let policyCells: [HTMLFragment]
    private var detailCells: [DetailKey: DetailCells] = [:]
    /// The detail cells of rows assigned nowhere and hidden by no exclusion (nearly all rows
    /// of a fleet), by ``plainKey(_:)``: found by position instead of by hashing a key.
    private var plainDetailCells = NumberedSlots<DetailCells>()
    /// Numbers of the distinct detail cells, by their bytes.
    private var detailNumbers: [[UInt8]: Int] = [:]

    /// A host's link to its page and its policy, as table cells.
    struct HostCells: Sendable {
        var link: HTMLFragment
        var policy: HTMLFragment
        /// Equal for hosts whose policy cells read the same.
        var policyNumber: Int
    }

    /// A row's detail cells, numbered so that rows whose cells read the same group together.
    struct DetailCells: Sendable {
        var cells: [HTMLFragment]
        /// The cells as they follow a host's two cells in a row.
        var markup: HTMLFragment
        var number: Int
    }

    /// The columns of a host's two cells, which the detail columns follow.
    static let hostColumns = [TableColumn("Host"), TableColumn("Policy")]

    /// What a row's detail cells depend on.
    private struct DetailKey: Hashable {
        var outcome: Outcome
        var apply: ApplyClass?
        var reason: ManualReason?
        var blocks: Bool
        var assignedByHand: Bool
        var assignedAt: [Level]
        var exclusion: ObjectIdentifier?
    }

    init(hosts: [HostDigest]) {
        var policyNumbers: [HTMLFragment: Int] = [:]
        // One fragment per distinct policy, shared by its hosts' cells rather than one per host.
        var policies: [HTMLFragment] = []
        hostCells = hosts.map { host in
            let policy: HTMLFragment = "\(host.policyID ?? "none")"
            let number = policyNumbers[policy] ?? policyNumbers.count
            if number == policies.count {
                policyNumbers[policy] = number
                policies.append(policy)
            }
            return HostCells(
                link: HTMLBlocks.hostLink(fileName: host.fileName, hostname: host.hostname, toRoot: "../"),
                policy: policies[number],
                policyNumber: number
            )
        }
        // Policies in the tables' order: named ones case-insensitively, then hosts without one.
        let key = { (policy: String?) in (policy == nil ? 1 : 0, policy?.lowercased() ?? "", policy ?? "") }
        let distinct = Set(hosts.map(\.policyID)).map { (policy: $0, key: key($0)) }.sorted { $0.key < $1.key }
        let ranks = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1.policy, $0) })
        policyRank = hosts.map { ranks[$0.policyID] ?? 0 }
        policyCells = distinct.map(\.policy).map { policy in
            policy.map { "\($0)" } ?? "<span class=\"detail\">no policy</span>"
        }
    }

    /// The detail cells `make` gives for `row`, in a table of `columns` (detail columns after
    /// ``hostColumns``).
    mutating func details(of row: RuleHostRow, columns: [TableColumn], make: () -> [HTMLFragment]) -> DetailCells {
        guard let plain = Self.plainKey(row) else { return keyedDetails(of: row, columns: columns, make: make) }
        if let known = plainDetailCells[plain] { return known }
        let made = keyedDetails(of: row, columns: columns, make: make)
        plainDetailCells[plain] = made
        return made
    }

    /// The state number (``RenderMemo/stateNumber(outcome:apply:reason:blocks:)``) of a row
    /// assigned nowhere, by no hand, hidden by no exclusion; `nil` for other rows.
    private static func plainKey(_ row: RuleHostRow) -> Int? {
        guard row.assignedAt.isEmpty, !row.assignedByHand, row.exclusion == nil else { return nil }
        return RenderMemo.stateNumber(outcome: row.outcome, apply: row.apply, reason: row.reason, blocks: row.blocks)
    }

    private mutating func keyedDetails(
        of row: RuleHostRow, columns: [TableColumn], make: () -> [HTMLFragment]
    ) -> DetailCells {
        let key = DetailKey(
            outcome: row.outcome, apply: row.apply, reason: row.reason, blocks: row.blocks,
            assignedByHand: row.assignedByHand, assignedAt: row.assignedAt,
            exclusion: row.exclusion.map(ObjectIdentifier.init)
        )
        if let known = detailCells[key] { return known }
        let cells = make()
        let bytes = HTMLFragment.joined(cells, separator: "\u{1F}").bytes
        let number = detailNumbers[bytes] ?? detailNumbers.count
        detailNumbers[bytes] = number
        let markup = HTMLTableRows.cellsMarkup(cells, columns: columns, from: Self.hostColumns.count)
        let made = DetailCells(cells: cells, markup: markup, number: number)
        detailCells[key] = made
        return made
    }
}
