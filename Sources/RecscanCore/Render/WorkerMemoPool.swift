import Synchronization

/// Lends each concurrent task a memo of its own and takes it back afterwards, so that what a
/// renderer worked out for one host (a rule's serialized identity, a piece of evidence) serves
/// the next hosts on the same worker without being shared between tasks. Holds at most one memo
/// per task that ran at the same time.
final class WorkerMemoPool<Memo: Sendable>: Sendable {
    private let idle = Mutex<[Memo]>([])
    private let make: @Sendable () -> Memo

    /// A pool that makes a new memo with `make` when none is idle.
    init(_ make: @escaping @Sendable () -> Memo) { self.make = make }

    /// Lets go of every idle memo, for when no host is left to render: what they hold (a
    /// serialized piece per rule of the catalog the fleet needs) is then only memory.
    func removeAll() { idle.withLock { $0.removeAll() } }

    /// Runs `body` with a memo no other task uses meanwhile.
    func withMemo<Result>(_ body: (inout Memo) throws -> Result) rethrows -> Result {
        var memo = idle.withLock { $0.popLast() } ?? make()
        defer { idle.withLock { $0.append(memo) } }
        return try body(&memo)
    }
}
