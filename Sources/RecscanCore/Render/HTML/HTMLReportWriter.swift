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
/// Hosts may arrive in any order; pages list them sorted by hostname. Writing a host again
/// (matched case-insensitively) replaces it: its page is rewritten and its rows updated.
public struct HTMLReportWriter: Sendable {
    private let directory: String
    private let run: RunInfo
    private let catalog: Catalog
    private var hosts: [String: HostDigest] = [:]
    /// The rules listed for each host, by lowercased hostname, so a replaced host's rows can go.
    private var rulesOfHost: [String: [String]] = [:]
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
    /// Hosts may come in any order; writing a hostname again replaces the earlier page and rows.
    /// - Parameter host: the host's results.
    /// - Throws: ``HTMLWriteError`` when the folder or the page cannot be written.
    public mutating func write(host: HostReport) throws {
        let key = host.hostname.lowercased()
        if let previous = hosts[key] { forget(key, fileName: previous.fileName) }
        let fileName = uniqueHostFileName(host.hostname)
        let folder = HTMLOutput.path(directory, "hosts")
        if !hostsFolderReady {
            try HTMLOutput.makeDirectory(folder)
            hostsFolderReady = true
        }
        let page = HostPage(host: host, catalog: catalog, run: run).render()
        try HTMLOutput.write(page, to: HTMLOutput.path(folder, fileName + ".html"))

        usedHostFiles.insert(fileName)
        hosts[key] = HostDigest(host: host, fileName: fileName)
        rulesOfHost[key] = host.rules.map(\.ruleID)
        links.hostFiles[key] = fileName
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
        let sortedRules = rules.keys.sorted(by: RuleID.less).compactMap { id in
            rules[id].map { rule in
                var sorted = rule
                sorted.rows.sort { ($0.hostname.lowercased(), $0.hostname) < ($1.hostname.lowercased(), $1.hostname) }
                return sorted
            }
        }
        let hosts = self.hosts.values.sorted {
            ($0.hostname.lowercased(), $0.hostname) < ($1.hostname.lowercased(), $1.hostname)
        }
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

    /// Drops what a host contributed before it is written again.
    private mutating func forget(_ key: String, fileName: String) {
        for ruleID in rulesOfHost[key] ?? [] {
            rules[ruleID]?.rows.removeAll { $0.hostname.lowercased() == key }
            if rules[ruleID]?.rows.isEmpty == true {
                rules[ruleID] = nil
                links.ruleFiles[ruleID] = nil
            }
        }
        usedHostFiles.remove(fileName)
        hosts[key] = nil
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
