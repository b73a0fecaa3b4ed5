/// A rule result read where it lies in its host's list, field by field. Copying a whole
/// `RuleResult` out of the list retains each of its strings and lists (and releases them
/// after), and the renderers read hundreds of thousands of results a run: this view reads only
/// the fields asked for.
///
/// Valid only inside ``forEach(of:at:_:)`` (or ``forEach(in:_:)``), which holds the list;
/// never kept beyond it.
struct RuleResultInPlace: RuleResultFields {
    private let result: UnsafePointer<RuleResult>

    var ruleID: String { result.pointee.ruleID }
    var module: Module { result.pointee.module }
    var name: String { result.pointee.name }
    var severity: Severity { result.pointee.severity }
    var outcome: Outcome { result.pointee.outcome }
    var apply: ApplyClass? { result.pointee.apply }
    var reason: ManualReason? { result.pointee.reason }
    var blocks: Bool { result.pointee.blocks }
    var evidence: [Evidence] { result.pointee.evidence }
    var assignedAt: [Level] { result.pointee.assignedAt }
    var excludedBy: ExclusionReference? { result.pointee.excludedBy }

    /// Calls `body` with each result of `results`, in order, and its position.
    static func forEach(in results: [RuleResult], _ body: (Int, RuleResultInPlace) throws -> Void) rethrows {
        try forEach(of: results, at: results.indices, body)
    }

    /// Calls `body` with the result at each of `positions` in `results`, in that order, and its
    /// position; positions outside the list are skipped.
    static func forEach(
        of results: [RuleResult], at positions: some Sequence<Int>, _ body: (Int, RuleResultInPlace) throws -> Void
    ) rethrows {
        try results.withUnsafeBufferPointer { list in
            guard let first = list.baseAddress else { return }
            for position in positions where list.indices.contains(position) {
                try body(position, RuleResultInPlace(result: first + position))
            }
        }
    }
}

/// What the renderers read of a rule result, whether they hold the value or read it in place.
protocol RuleResultFields {
    var ruleID: String { get }
    var module: Module { get }
    var name: String { get }
    var severity: Severity { get }
    var outcome: Outcome { get }
    var apply: ApplyClass? { get }
    var reason: ManualReason? { get }
    var blocks: Bool { get }
    var evidence: [Evidence] { get }
    var assignedAt: [Level] { get }
    var excludedBy: ExclusionReference? { get }
}

extension RuleResult: RuleResultFields {}
