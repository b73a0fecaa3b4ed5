/// What host pages repeat from host to host, worked out once per worker: a rule's first cells
/// (its link, module and severity) and the words of a list of evidence. A fleet's hosts share
/// most of their rules and much of their evidence, and rendering them was most of a page's cost.
///
/// A memo gives the same bytes as rendering afresh (`HostPageMemoTests` checks it); it never
/// holds evidence that links to another rule, since whether that rule has a page depends on the host.
struct HostPageMemo: Sendable {
    private var ruleCells: [RuleIdentity: [HTMLFragment]] = [:]
    private var evidenceCells: [[Evidence]: HTMLFragment] = [:]
    /// Distinct evidence lists kept at most; past it the memo starts again, so that a fleet of
    /// hosts with unlike evidence does not make it grow without bound.
    private let evidenceLimit: Int

    init(evidenceLimit: Int = 20_000) { self.evidenceLimit = evidenceLimit }

    /// What a rule's first cells depend on.
    private struct RuleIdentity: Hashable {
        var id: String
        var name: String
        var module: Module
        var severity: Severity
    }

    /// The cells `make` gives for a rule with this id, name, module and severity.
    mutating func ruleCells(
        id: String,
        name: String,
        module: Module,
        severity: Severity,
        make: () -> [HTMLFragment]
    ) -> [HTMLFragment] {
        let key = RuleIdentity(id: id, name: name, module: module, severity: severity)
        if let known = ruleCells[key] { return known }
        let cells = make()
        ruleCells[key] = cells
        return cells
    }

    /// The cell `make` gives for `evidence`.
    mutating func evidenceCell(_ evidence: [Evidence], make: () -> HTMLFragment) -> HTMLFragment {
        guard !evidence.contains(where: { $0.kind == .dependency }) else { return make() }
        if let known = evidenceCells[evidence] { return known }
        if evidenceCells.count >= evidenceLimit { evidenceCells.removeAll(keepingCapacity: true) }
        let cell = make()
        evidenceCells[evidence] = cell
        return cell
    }
}
