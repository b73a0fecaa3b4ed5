/// What host pages repeat from host to host, worked out once per worker: a rule's first cells
/// (its link, module and severity) and the words of a list of evidence. A fleet's hosts share
/// most of their rules and much of their evidence, and rendering them was most of a page's cost.
///
/// A memo gives the same bytes as rendering afresh (`PageMemoTests` checks it); it never holds
/// evidence that links to another rule, since whether that rule has a page depends on the host.
struct HostPageMemo: Sendable {
    private var ruleCells: [String: RuleCells] = [:]
    private var evidenceCells: [[Evidence]: HTMLFragment] = [:]
    /// Distinct evidence lists kept at most, so that a fleet of hosts with unlike evidence does not
    /// make the memo grow with the fleet. The first ones are kept: evidence that many hosts share
    /// (an application type, a file, a common package version) shows up early.
    private let evidenceLimit: Int

    init(evidenceLimit: Int = 512) { self.evidenceLimit = evidenceLimit }

    /// A rule's first cells, with what they were made from: a run names a rule the same way on
    /// every host, so one entry per rule id suffices, and its cells are kept as one fragment.
    private struct RuleCells: Sendable {
        var name: String
        var module: Module
        var severity: Severity
        var cells: [HTMLFragment]
    }

    /// The cells `make` gives for a rule with this id, name, module and severity.
    mutating func ruleCells(
        id: String,
        name: String,
        module: Module,
        severity: Severity,
        make: () -> [HTMLFragment]
    ) -> [HTMLFragment] {
        if let known = ruleCells[id], known.name == name, known.module == module, known.severity == severity {
            return known.cells
        }
        let cells = make()
        ruleCells[id] = RuleCells(name: name, module: module, severity: severity, cells: cells)
        return cells
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
