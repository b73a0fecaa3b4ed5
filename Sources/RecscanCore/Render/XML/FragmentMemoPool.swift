import Synchronization

/// Lends each concurrent task a `ReportFragmentMemo` of its own and takes it back afterwards,
/// so that serialized rule elements are reused across files (most files hold one host) without
/// being shared between tasks. Holds at most one memo per task that ran at the same time.
final class FragmentMemoPool: Sendable {
    private let idle = Mutex<[ReportFragmentMemo]>([])

    /// Runs `body` with a memo no other task uses meanwhile.
    func withMemo<Result>(_ body: (inout ReportFragmentMemo) throws -> Result) rethrows -> Result {
        var memo = idle.withLock { $0.popLast() } ?? ReportFragmentMemo()
        defer { idle.withLock { $0.append(memo) } }
        return try body(&memo)
    }
}
