/// What host pages repeat from host to host, worked out once per worker: the markup of a rule's
/// first cells (its link, module and severity) and the words of a list of evidence. A fleet's
/// hosts share most of their rules and much of their evidence, and rendering them was most of a
/// page's cost. An entry per rule of the catalog that the fleet needs is one fragment.
///
/// A memo gives the same bytes as rendering afresh (`PageMemoTests` checks it); it never holds
/// evidence that links to another rule, since whether that rule has a page depends on the host.
struct HostPageMemo: Sendable {
    private var ruleLinks: [String: RuleLink] = [:]
    /// The same links by the rule's ordinal in the run's catalog index, for rules that have one:
    /// an array read per row instead of hashing the rule's id.
    private var ruleLinksByOrdinal = NumberedSlots<RuleLink>()
    /// Links kept in `ruleLinks` and `ruleLinksByOrdinal` together, bounded by ``ruleLimit``.
    private var ruleLinkCount = 0
    private var evidenceCells: [[Evidence]: HTMLFragment] = [:]
    /// The current host's shared evidence lists, found by the address of their one array.
    private var hostEvidence: [(list: [Evidence], cell: HTMLFragment)] = []
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

    /// The first cells' markup `make` gives for a rule with this id, name, module and severity;
    /// `ordinal`, the rule's ordinal in the run's catalog index when known, finds it faster.
    mutating func ruleLink(
        id: String,
        ordinal: Int? = nil,
        name: String,
        module: Module,
        severity: Severity,
        make: () -> HTMLFragment
    ) -> HTMLFragment {
        // A rule the catalog does not describe (ordinal -1) is found by its id.
        let byOrdinal = ordinal.flatMap { $0 >= 0 ? $0 : nil }
        let known = if let byOrdinal { ruleLinksByOrdinal[byOrdinal] } else { ruleLinks[id] }
        if let known, known.name == name, known.module == module, known.severity == severity {
            return known.link
        }
        let link = make()
        guard known != nil || ruleLinkCount < Self.ruleLimit else { return link }
        if known == nil { ruleLinkCount += 1 }
        let entry = RuleLink(name: name, module: module, severity: severity, link: link)
        if let byOrdinal {
            ruleLinksByOrdinal[byOrdinal] = entry
        } else {
            ruleLinks[id] = entry
        }
        return link
    }

    /// Starts a host's page: the lists ``evidenceCell(_:make:)`` knows by address are the last
    /// host's, no use for this one.
    mutating func startHost() { hostEvidence.removeAll(keepingCapacity: true) }

    /// The cell `make` gives for `evidence`.
    mutating func evidenceCell(_ evidence: [Evidence], make: () -> HTMLFragment) -> HTMLFragment {
        // The rules of a host that share a list (its OS, an application type) share one array
        // (see `SharedEvidenceLists`): found again by its address, it is hashed once per host
        // instead of once per rule. The memo holds the arrays it knows, so no other list can
        // take an address it holds.
        let sharable = SharedEvidenceLists<[Evidence]>.isSharable(evidence)
        if sharable, let known = hostEvidence.first(where: { Self.sameArray($0.list, evidence) }) {
            return known.cell
        }
        let cell = byValue(evidence, make: make)
        if sharable, hostEvidence.count < SharedEvidenceLists<[Evidence]>.capacity {
            hostEvidence.append((evidence, cell))
        }
        return cell
    }

    private static func sameArray(_ lhs: [Evidence], _ rhs: [Evidence]) -> Bool {
        lhs.withUnsafeBufferPointer { left in rhs.withUnsafeBufferPointer { left.baseAddress == $0.baseAddress } }
    }

    private mutating func byValue(_ evidence: [Evidence], make: () -> HTMLFragment) -> HTMLFragment {
        guard !evidence.contains(where: { $0.kind == .dependency }) else { return make() }
        if let known = evidenceCells[evidence] { return known }
        let cell = make()
        if evidenceCells.count < evidenceLimit { evidenceCells[evidence] = cell }
        return cell
    }
}
