/// What host pages repeat from host to host, worked out once per worker: a rule's link and the
/// words of a list of evidence. A fleet's hosts share most of their rules and much of their
/// evidence, and rendering them was most of a page's cost. A rule's module and severity cells
/// take a few values in all, shared by every page (``HostPage``), so that an entry per rule of the
/// catalog that the fleet needs is one fragment, not three and a list of them.
///
/// A memo gives the same bytes as rendering afresh (`PageMemoTests` checks it); it never holds
/// evidence that links to another rule, since whether that rule has a page depends on the host.
struct HostPageMemo: Sendable {
    private var ruleLinks: [String: RuleLink] = [:]
    private var evidenceCells: [[Evidence]: HTMLFragment] = [:]
    /// Distinct evidence lists kept at most, so that a fleet of hosts with unlike evidence does not
    /// make the memo grow with the fleet. The first ones are kept: evidence that many hosts share
    /// (an application type, a file, a common package version) shows up early.
    private let evidenceLimit: Int

    init(evidenceLimit: Int = 512) { self.evidenceLimit = evidenceLimit }

    /// Rule links kept at most, so that the memo does not grow with the rules a fleet needs: the
    /// rules most hosts share are met first, and a rule met later is on few hosts.
    static let ruleLimit = 4096

    /// A rule's link, with what it was made from: a run names a rule the same way on every host,
    /// so one entry per rule id suffices.
    private struct RuleLink: Sendable {
        var name: String
        var module: Module
        var severity: Severity
        var link: HTMLFragment
    }

    /// The link `make` gives for a rule with this id, name, module and severity.
    mutating func ruleLink(
        id: String,
        name: String,
        module: Module,
        severity: Severity,
        make: () -> HTMLFragment
    ) -> HTMLFragment {
        if let known = ruleLinks[id], known.name == name, known.module == module, known.severity == severity {
            return known.link
        }
        let link = make()
        if ruleLinks.count < Self.ruleLimit || ruleLinks[id] != nil {
            ruleLinks[id] = RuleLink(name: name, module: module, severity: severity, link: link)
        }
        return link
    }

    /// The cell `make` gives for `evidence`.
    mutating func evidenceCell(_ evidence: [Evidence], make: () -> HTMLFragment) -> HTMLFragment {
        guard !evidence.contains(where: { $0.kind == .dependency }) else { return make() }
        if let known = evidenceCells[evidence] { return known }
        let cell = make()
        if evidenceCells.count < evidenceLimit { evidenceCells[evidence] = cell }
        return cell
    }
}
