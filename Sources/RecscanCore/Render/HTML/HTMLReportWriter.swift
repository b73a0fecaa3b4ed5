/// Writes the HTML pages of one run into `directory` (an existing, empty run folder being built).
///
/// Each host's page is written as soon as the host is handed over; only a small digest of it
/// stays in memory for the fleet page and the rule pages, which ``finish(summary:rejected:exclusions:triage:)``
/// writes at the end with the stylesheet:
///
/// ```
/// index.html            the fleet: summary, hosts, rejected inputs, exclusions, triage, rules
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
    private var hosts: [HostDigest] = []
    private var rules: [String: RuleDigest] = [:]
    private var links = PageLinks()
    private var usedHostFiles: Set<String> = []
    private var hostsFolderReady = false

    /// Creates a writer for one run.
    /// - Parameters:
    ///   - directory: the run folder; it must exist. `hosts/` and `rules/` are created in it.
    ///   - run: the run's header facts, shown on every page.
    ///   - catalog: the rule catalog, for rule names and flags.
    public init(directory: String, run: RunInfo, catalog: Catalog) {
        self.directory = directory
        self.run = run
        self.catalog = catalog
    }

    /// Writes `hosts/<file>.html` for one host right away and keeps what the index and rule pages need.
    ///
    /// Hosts are expected in sorted hostname order; pages list them in the order written.
    /// - Parameter host: the host's results.
    /// - Throws: ``HTMLWriteError`` when the folder or the page cannot be written.
    public mutating func write(host: HostReport) throws {
        let fileName = uniqueHostFileName(host.hostname)
        let folder = HTMLOutput.path(directory, "hosts")
        if !hostsFolderReady {
            try HTMLOutput.makeDirectory(folder)
            hostsFolderReady = true
        }
        let page = HostPage(host: host, catalog: catalog, run: run).render()
        try HTMLOutput.write(page, to: HTMLOutput.path(folder, fileName + ".html"))

        usedHostFiles.insert(fileName)
        hosts.append(HostDigest(host: host, fileName: fileName))
        let key = host.hostname.lowercased()
        if links.hostFiles[key] == nil { links.hostFiles[key] = fileName }
        for result in host.rules {
            rules[result.ruleID, default: RuleDigest(result: result)].rows
                .append(RuleHostRow(host: host, fileName: fileName, result: result))
            links.ruleFiles[result.ruleID] = SafeFileName.forRule(result.ruleID)
        }
    }

    /// Writes `index.html`, `rules/<file>.html` for every rule that appears on any host, and `style.css`.
    /// - Parameters:
    ///   - summary: the fleet-wide counts.
    ///   - rejected: inputs that could not be used.
    ///   - exclusions: every exclusion override of the fleet, with its state.
    ///   - triage: the false-positive remediation plans.
    /// - Throws: ``HTMLWriteError`` when a folder or a file cannot be written.
    public func finish(_ fleet: FleetResults) throws {
        let sortedRules = rules.keys.sorted(by: RuleID.less).compactMap { rules[$0] }
        let folder = HTMLOutput.path(directory, "rules")
        try HTMLOutput.makeDirectory(folder)
        for rule in sortedRules {
            let page = RulePage(rule: rule, catalog: catalog, run: run, links: links).render()
            try HTMLOutput.write(page, to: HTMLOutput.path(folder, rule.fileName + ".html"))
        }
        let index = IndexPage(
            run: run,
            summary: fleet.summary,
            hosts: hosts,
            rules: sortedRules,
            catalog: catalog,
            rejected: fleet.rejected,
            exclusions: fleet.exclusions,
            triage: fleet.triage,
            links: links,
            changes: fleet.changes
        )
        try HTMLOutput.write(index.render(), to: HTMLOutput.path(directory, "index.html"))
        try HTMLOutput.write(StyleSheet.css, to: HTMLOutput.path(directory, "style.css"))
    }

    /// The host's safe file name; a hostname handed over twice gets `~2`, `~3`… so no page is overwritten.
    private func uniqueHostFileName(_ hostname: String) -> String {
        let base = SafeFileName.forHost(hostname)
        var candidate = base
        var counter = 2
        while usedHostFiles.contains(candidate) {
            candidate = "\(base)~\(counter)"
            counter += 1
        }
        return candidate
    }
}
