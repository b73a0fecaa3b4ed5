/// What the dashboard shows of one rule's hosts: counts and the first few hosts of each group,
/// made from the rule's rows when they are read back for its page (see ``RuleRowStore`` and
/// ``DashboardRuleRows``).
struct RuleTally: Sendable {
    /// Host links a dashboard row shows before "and N more".
    static let sampleSize = 6

    /// Hosts of one group: how many, how many of them block, and the first few in host order.
    struct Sample: Sendable {
        var count = 0
        var blocking = 0
        /// Positions in the writer's host list, at most ``RuleTally/sampleSize``.
        var firstHosts: [Int] = []

        mutating func add(host: Int, blocks: Bool) {
            count += 1
            if blocks { blocking += 1 }
            if firstHosts.count < RuleTally.sampleSize { firstHosts.append(host) }
        }
    }

    /// Decisions waiting, by the position of their reason in `allCases`, the last for none
    /// recorded: hashing a reason for each of a fleet's decisions cost more than the counting.
    private var decisionsByReason = [Sample?](repeating: nil, count: Self.reasons.count + 1)
    /// To-assign rows applied automatically.
    var automatic = Sample()
    /// To-unassign rows.
    var unassign = Sample()
    /// Levels to unassign at, in the order first met, with the hosts under each.
    var unassignLevels: [Level] = []
    var unassignLevelHosts: [Level: Int] = [:]
    /// Rows assigned by hand; `blocking` counts those that block.
    var byHand = Sample()
    /// The first hosts assigned by hand where the rule blocks, and where it does not: the
    /// dashboard lists blocking hosts first.
    var byHandBlockingHosts: [Int] = []
    var byHandOtherHosts: [Int] = []

    /// The tally of one rule's rows, in host order.
    init(rows: [RuleHostRow]) {
        for row in rows { add(row) }
    }

    // `allCases` of an enum is computed: a new array at every use.
    private static let reasons = ManualReason.allCases

    /// The decisions waiting for `reason` (`nil`: none recorded).
    func decisions(_ reason: ManualReason?) -> Sample? { decisionsByReason[Self.position(of: reason)] }

    private static func position(of reason: ManualReason?) -> Int {
        reason.flatMap { reasons.firstIndex(of: $0) } ?? reasons.count
    }

    mutating func add(_ row: RuleHostRow) {
        if row.isManual {
            let position = Self.position(of: row.reason)
            if decisionsByReason[position] == nil { decisionsByReason[position] = Sample() }
            decisionsByReason[position]?.add(host: row.host, blocks: row.blocks)
        }
        if row.outcome == .toAssign && row.apply == .auto { automatic.add(host: row.host, blocks: row.blocks) }
        if row.outcome == .toUnassign {
            unassign.add(host: row.host, blocks: row.blocks)
            for level in ReportWords.unassignOrder(row.assignedAt) {
                if unassignLevelHosts[level] == nil { unassignLevels.append(level) }
                unassignLevelHosts[level, default: 0] += 1
            }
        }
        if row.assignedByHand {
            byHand.add(host: row.host, blocks: row.blocks)
            if row.blocks {
                if byHandBlockingHosts.count < Self.sampleSize { byHandBlockingHosts.append(row.host) }
            } else if byHandOtherHosts.count < Self.sampleSize {
                byHandOtherHosts.append(row.host)
            }
        }
    }

    /// The first hosts assigned by hand, those where the rule blocks first.
    var byHandHostsBlockingFirst: [Int] { Array((byHandBlockingHosts + byHandOtherHosts).prefix(Self.sampleSize)) }
}
