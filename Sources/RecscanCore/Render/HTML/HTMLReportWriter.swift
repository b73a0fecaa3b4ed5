import Dispatch
import Synchronization

/// Writes the HTML pages of one run into `directory` (an existing, empty run folder being built).
///
/// Each host's page is written as soon as the host is handed over; only a small digest of it
/// stays in memory (``HostDigest``, per rule a ``RuleDigest``, fleet tallies in ``FleetDigest``)
/// for the pages ``finish(_:)`` writes at the end, and its row on each rule's page goes to a
/// scratch file in the run folder (``RuleRowStore``), so memory does not grow with the fleet:
///
/// ```
/// index.html            the dashboard: what needs attention, changes, charts, tables to every rule and host
/// hosts-<n>.html        the host list, a page of `hostsPerPage` hosts each, when the fleet is larger than that
/// rules.html, exclusions.html, triage.html, rejected.html
///                       a fleet-wide list too long for the dashboard (over 200 rows)
/// hosts/<file>.html     one per host (file names from SafeFileName.forHost)
/// rules/<file>.html     one per rule that appears on any host (SafeFileName.forRule)
/// style.css
/// ```
///
/// The output depends only on the inputs and the order hosts are written in.
public struct HTMLReportWriter: Sendable {
    private let directory: String
    private let run: RunInfo
    private let catalog: Catalog
    /// Hosts listed on one page of the host list; a fleet this small has its host table on the dashboard.
    let hostsPerPage: Int
    private var hosts: [HostDigest] = []
    /// Each host's operating system once: a fleet runs a few, and a copy per host grew with it.
    private var operatingSystems: Set<String> = []
    /// In the order rules were first met: a rule's position is its ordinal in `rows`.
    private var rules: [RuleDigest] = []
    /// Each rule's position in `rules`, by id.
    private var ruleNumbers: [String: Int] = [:]
    /// Each rule's position in `rules` by its ordinal in the run's catalog index: an array read
    /// per row instead of hashing the rule's id (see ``record(_:ordinals:triage:)``).
    private var ruleNumbersByCatalogOrdinal = NumberedSlots<Int>()
    private var fleet = FleetDigest()
    private var links = PageLinks()
    /// Each distinct exclusion once, with its number in `rows`.
    private var exclusions: [String: Int] = [:]
    private var rows: RuleRowStore
    /// Rows of rule pages read back into memory at a time; a rule with more gets a batch alone.
    private let rowsPerBatch: Int
    /// Rule pages rendered at once.
    private let jobs: Int
    /// Hosts listed on one page of the host list, unless a test says otherwise.
    static let defaultHostsPerPage = 500

    /// Creates a writer for one run.
    /// - Parameters:
    ///   - directory: the run folder; it must exist. `hosts/` and `rules/` are created in it.
    ///   - run: the run's header facts, shown on every page.
    ///   - catalog: the rule catalog, for rule names and flags.
    public init(directory: String, run: RunInfo, catalog: Catalog) {
        self.init(directory: directory, run: run, catalog: catalog, hostsPerPage: Self.defaultHostsPerPage)
    }

    init(
        directory: String, run: RunInfo, catalog: Catalog, hostsPerPage: Int, rowsPerBatch: Int = 100_000,
        jobs: Int = 1
    ) {
        self.directory = directory
        self.run = run
        self.catalog = catalog
        self.hostsPerPage = max(1, hostsPerPage)
        self.rowsPerBatch = max(1, rowsPerBatch)
        self.jobs = max(1, jobs)
        rows = RuleRowStore(path: HTMLOutput.path(directory, ".rule-rows.scratch"))
    }

    /// Makes room for the digests of `count` hosts, when the run knows how many it has: the list
    /// then holds them without the slack of growing by doubling.
    public mutating func reserveCapacity(hosts count: Int) { hosts.reserveCapacity(count) }

    /// Writes `hosts/<file>.html` for one host right away and keeps what the fleet and rule pages need.
    ///
    /// Hosts are expected in sorted hostname order; pages list them in the order written.
    /// - Parameters:
    ///   - host: the host's results.
    ///   - triage: the host's false-positive remediation plans, shown on its page.
    /// - Throws: ``HTMLWriteError`` when the folder or the page cannot be written.
    public mutating func write(host: HostReport, triage: [TriagePlan] = []) throws {
        try writePage(for: host, triage: triage)
        try record(host, triage: triage)
    }

    /// Writes `hosts/<file>.html` only; safe to call for several hosts at once. Pair each call with
    /// ``record(_:triage:)``, in sorted hostname order.
    /// - Throws: ``HTMLWriteError`` when the folder or the page cannot be written.
    public func writePage(for host: HostReport, triage: [TriagePlan] = []) throws {
        var memo = HostPageMemo()
        try writePage(for: host, triage: triage, memo: &memo)
    }

    /// ``writePage(for:triage:)`` with what earlier pages worked out in `memo`.
    /// - Parameter ordinals: each rule's ordinal in the run's catalog index, when known.
    func writePage(for host: HostReport, triage: [TriagePlan], ordinals: [Int] = [], memo: inout HostPageMemo) throws {
        let folder = HTMLOutput.path(directory, "hosts")
        try HTMLOutput.makeDirectory(folder)
        let page = HostPage(host: host, triage: triage, catalog: catalog, run: run, ordinals: ordinals)
            .render(memo: &memo)
        try HTMLOutput.write(page, to: HTMLOutput.path(folder, SafeFileName.forHost(host.hostname) + ".html"))
    }

    /// Keeps what the fleet and rule pages need of a host whose page ``writePage(for:triage:)`` wrote.
    ///
    /// Hosts are expected in sorted hostname order, each once; pages list them in the order recorded.
    /// - Throws: ``HTMLWriteError`` when the scratch file of rule rows cannot be written.
    public mutating func record(_ host: HostReport, triage: [TriagePlan] = []) throws {
        try record(host, ordinals: [], triage: triage)
    }

    /// ``record(_:triage:)`` with each rule's ordinal in the run's catalog index
    /// (`HostAnalysis.ruleOrdinals`, empty when not known), by which rules are found again.
    mutating func record(_ host: HostReport, ordinals: [Int], triage: [TriagePlan]) throws {
        let ordinals = host.ruleOrdinals(ordinals)
        // Distinct hostnames always get distinct safe names, so the page's name is this one.
        let fileName = SafeFileName.forHost(host.hostname)
        var digest = HostDigest(host: host, fileName: fileName, triagePlans: triage.count)
        digest.operatingSystem = operatingSystems.insert(digest.operatingSystem).memberAfterInsert
        fleet.add(host, digest: digest)
        let index = hosts.count
        hosts.append(digest)
        let key = host.hostname.lowercased()
        if links.hostFiles[key] == nil { links.hostFiles[key] = fileName }
        let byHand = Set(host.findings.filter { $0.kind == .manualAssignment }.compactMap(\.ruleID))
        // Each result read in place: a copy per rule would retain its strings and lists.
        try RuleResultInPlace.forEach(in: host.rules) { position, result in
            let exclusion = result.excludedBy.map { internedExclusion($0) }
            let row = RuleHostRow(
                host: index, result: result, assignedByHand: byHand.contains(result.ruleID),
                exclusion: exclusion?.box)
            let ordinal = number(of: result, catalogOrdinal: ordinals?[position])
            rules[ordinal].add(result)
            try rows.append(rule: ordinal, row, exclusion: exclusion?.number)
        }
    }

    /// The position of `result`'s rule in `rules`, added when first met. One lookup a row, and
    /// a fleet has hundreds of thousands of rows: by catalog ordinal when known, else by id.
    private mutating func number(of result: some RuleResultFields, catalogOrdinal: Int?) -> Int {
        if let catalogOrdinal, let known = ruleNumbersByCatalogOrdinal[catalogOrdinal] { return known }
        let number: Int
        if let known = ruleNumbers[result.ruleID] {
            number = known
        } else {
            number = rules.count
            rules.append(RuleDigest(result: result, ordinal: number))
            ruleNumbers[result.ruleID] = number
            links.ruleFiles[result.ruleID] = SafeFileName.forRule(result.ruleID)
        }
        if let catalogOrdinal { ruleNumbersByCatalogOrdinal[catalogOrdinal] = number }
        return number
    }

    /// The shared box of an exclusion and its number in `rows`, made on first use.
    private mutating func internedExclusion(_ exclusion: ExclusionReference) -> (box: ExclusionBox, number: Int) {
        let key = ExclusionBox.key(exclusion)
        if let number = exclusions[key], let box = rows.box(number) { return (box, number) }
        let box = ExclusionBox(exclusion)
        let number = rows.number(of: box)
        exclusions[key] = number
        return (box, number)
    }

    /// Writes `index.html`, the host list pages, `rules/<file>.html` for every rule that appears
    /// on any host, and `style.css`.
    /// - Parameter fleet: the fleet-wide sections: counts, rejected inputs, exclusions, triage.
    /// - Throws: ``HTMLWriteError`` when a folder or a file cannot be written.
    public mutating func finish(_ fleet: FleetResults) throws {
        try finish(fleet, changes: fleet.changes.flatMap(RunChangesSummary.init))
    }

    /// ``finish(_:)`` with the changes since the previous run; `nil` shows that there is no previous run.
    mutating func finish(_ results: FleetResults, changes: RunChangesSummary?) throws {
        // Taken out of the writer, which is done with them: one list of rules in memory, not two.
        var firstMet: [RuleDigest] = []
        swap(&firstMet, &rules)
        ruleNumbers = [:]
        ruleNumbersByCatalogOrdinal = NumberedSlots()
        let sortedRules = Self.sortedByID(firstMet)
        firstMet = []
        let pages = self
        var ruleRows = try writeRulePages(sortedRules) { ruleRows in
            try pages.writeFleetPages(results, rules: sortedRules, ruleRows: ruleRows, changes: changes)
        }
        ruleRows.remove()
    }

    /// The pages about the whole fleet: the host list, the dashboard, the long lists, the style sheet.
    private func writeFleetPages(
        _ results: FleetResults, rules sortedRules: [RuleDigest], ruleRows: DashboardRuleRows,
        changes: RunChangesSummary?
    ) throws {
        let listing = HostListing(hosts: hosts, perPage: hostsPerPage, run: run)
        for page in listing.pages {
            try HTMLOutput.write(listing.render(page: page), to: HTMLOutput.path(directory, listing.fileName(page)))
        }
        let index = IndexPage(
            run: run,
            results: results,
            hosts: hosts,
            rules: sortedRules,
            ruleRows: ruleRows,
            fleet: fleet,
            catalog: catalog,
            links: links,
            listing: listing,
            changes: changes
        )
        try index.write(to: HTMLOutput.path(directory, "index.html"))
        let tables = DashboardTables(
            hosts: hosts, rules: sortedRules, ruleRows: ruleRows, fleet: fleet, catalog: catalog, links: links)
        let lists = FleetListPages(run: run, results: results, links: links, tables: tables)
        try lists.writeRulesPage(into: directory)
        for page in lists.pages {
            try HTMLOutput.write(lists.render(page), to: HTMLOutput.path(directory, page.fileName))
        }
        try HTMLOutput.write(StyleSheet.css, to: HTMLOutput.path(directory, "style.css"))
    }

    /// `rules` by id (see ``RuleID/less(_:_:)``), each number parsed once.
    private static func sortedByID(_ rules: [RuleDigest]) -> [RuleDigest] {
        let numbers = rules.map { Int($0.id) }
        let order = rules.indices.sorted { lhs, rhs in
            switch (numbers[lhs], numbers[rhs]) {
            case let (left?, right?) where left != right: left < right
            case (.some, nil): true
            case (nil, .some): false
            default: rules[lhs].id < rules[rhs].id
            }
        }
        return order.map { rules[$0] }
    }

    /// Writes the pages of `batch` on up to ``jobs`` threads and adds the batch's rules to
    /// `dashboard` on one of them meanwhile. Threads take the next page as they finish one, so
    /// none waits at the batch's end for another's share; each page is whole on one thread with
    /// a copy of `memo`, so which thread writes a page changes no byte of it. `fleetPages`, given
    /// for the last batch, is called on the same thread once the dashboard's rows are complete,
    /// while the other threads go on with the pages. A dashboard failure is reported first, then
    /// the first page failure in rule order, then a failure of `fleetPages`.
    private func writeRulePages(
        _ batch: ArraySlice<RuleDigest>, rows: [Int: [RuleHostRow]], memo: RulePageMemo, into folder: String,
        rulesHref: String, dashboard: inout DashboardRuleRows,
        fleetPages: (@Sendable (DashboardRuleRows) throws -> Void)?
    ) throws {
        let slices = min(jobs, batch.count)
        let failures = Mutex<[(rule: Int, error: HTMLWriteError)]>([])
        let nextPage = Mutex(batch.startIndex)
        let shared = Mutex<(rows: DashboardRuleRows, failure: (any Error)?, fleetFailure: (any Error)?)>(
            (dashboard, nil, nil))
        let (hosts, catalog, run, links) = (self.hosts, self.catalog, self.run, self.links)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            if slice == 0 {
                shared.withLock { shared in
                    do {
                        for (position, rule) in zip(batch.indices, batch) {
                            try shared.rows.add(rule, position: position, rows: rows[rule.ordinal] ?? [])
                        }
                    } catch {
                        shared.failure = error
                        return
                    }
                    do {
                        try fleetPages?(shared.rows)
                    } catch {
                        shared.fleetFailure = error
                    }
                }
            }
            var memo = memo
            while true {
                let index = nextPage.withLock { next in
                    defer { next += 1 }
                    return next
                }
                guard index < batch.endIndex else { return }
                let rule = batch[index]
                let page = RulePage(
                    rule: rule, rows: rows[rule.ordinal] ?? [], hosts: hosts, catalog: catalog, run: run,
                    links: links, rulesHref: rulesHref
                )
                .render(memo: &memo)
                do {
                    try HTMLOutput.write(page, to: HTMLOutput.path(folder, rule.fileName + ".html"))
                } catch {
                    let failure =
                        error as? HTMLWriteError
                        ?? HTMLWriteError(path: HTMLOutput.path(folder, rule.fileName + ".html"), message: "\(error)")
                    failures.withLock { $0.append((index, failure)) }
                    return
                }
            }
        }
        let outcome = shared.withLock { $0 }
        dashboard = outcome.rows
        if let failure = outcome.failure { throw failure }
        if let first = failures.withLock({ $0.min { $0.rule < $1.rule } }) { throw first.error }
        if let failure = outcome.fleetFailure { throw failure }
    }

    /// `rules/<file>.html` for every rule, reading the rows back a batch of rules at a time; the
    /// dashboard's rows about each rule's hosts are made from the same rows meanwhile, and
    /// `fleetPages` is called with them complete, alongside the last rule pages.
    private func writeRulePages(
        _ sortedRules: [RuleDigest], fleetPages: @escaping @Sendable (DashboardRuleRows) throws -> Void
    ) throws -> DashboardRuleRows {
        var rows = self.rows
        defer { rows.remove() }
        try rows.flush()
        let folder = HTMLOutput.path(directory, "rules")
        try HTMLOutput.makeDirectory(folder)
        let rulesHref = FleetListPages.isSplit(sortedRules.count) ? "../rules.html" : "../index.html#rules"
        let memo = RulePageMemo(hosts: hosts)
        var ruleRows = DashboardRuleRows(
            path: HTMLOutput.path(directory, ".dashboard-rows.scratch"), hosts: hosts, catalog: catalog)
        do {
            var start = sortedRules.startIndex
            while start < sortedRules.endIndex {
                var end = start + 1
                var batchRows = sortedRules[start].counts.total
                while end < sortedRules.endIndex, batchRows + sortedRules[end].counts.total <= rowsPerBatch {
                    batchRows += sortedRules[end].counts.total
                    end += 1
                }
                let batch = sortedRules[start..<end]
                let rowsByRule = try rows.rows(of: batch.map(\.ordinal))
                try writeRulePages(
                    batch, rows: rowsByRule, memo: memo, into: folder, rulesHref: rulesHref, dashboard: &ruleRows,
                    fleetPages: end == sortedRules.endIndex ? fleetPages : nil)
                start = end
            }
            // Without rules there is no last batch to write the fleet pages beside.
            if sortedRules.isEmpty { try fleetPages(ruleRows) }
        } catch {
            ruleRows.remove()
            throw error
        }
        return ruleRows
    }
}
