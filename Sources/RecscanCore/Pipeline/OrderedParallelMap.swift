import Foundation

/// Transforms `items` on up to `jobs` concurrent tasks and hands each result to `consume`
/// in input order, so that output never depends on scheduling. At most `jobs * 4` results
/// are in flight or waiting, whatever the number of items.
///
/// `items` may be a range of positions into a list the transform reads, so that no copy of the
/// list is made per run (a fleet's file list is a few hundred kilobytes).
///
/// `consume` runs on the workers themselves: the one that finishes the next result in order
/// consumes it, and any others already waiting, before it transforms its next item. Each result
/// is then let go of by the worker that made it, at its next claim. A result is a host's
/// analysis or pages, thousands of small blocks from its maker's `malloc` arena: freed by
/// another thread, each free took that arena's lock from under its owner, and with a consumer
/// task of its own (`jobs + 1` threads on `jobs` processors) a preempted holder left the owner
/// asleep and its processor idle (`perf`, 5,000 hosts, two jobs: 150-620 ms asleep on the locks).
func orderedParallelMap<Items: RandomAccessCollection & Sendable, Result: Sendable>(
    _ items: Items, jobs: Int, transform: @escaping @Sendable (Items.Element) -> Result,
    consume: (Result) throws -> Void
) async throws where Items.Element: Sendable, Items.Index == Int {
    guard jobs > 1, items.count > 1 else {
        // One job: in this task, item after item. A child task per item would hand every
        // result over to this task and back, and each handover may wake the other core and
        // move the work there, losing its caches: a one-job run took 1.3x as long as pinned
        // to one core.
        for item in items { try consume(transform(item)) }
        return
    }
    try await withoutActuallyEscaping(consume) { consume in
        let workers = min(jobs, items.count)
        let queue = OrderedResults(count: items.count, window: jobs * 4, workers: workers, consume: consume)
        defer { queue.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    while true {
                        // This worker's results that another consumed are let go of here, on the
                        // thread whose arena holds them: nothing in this loop suspends, so the
                        // task keeps its thread.
                        let (position, _) = queue.claim(by: worker)
                        guard let position else { return }
                        try queue.deliver(transform(items[items.startIndex + position]), at: position, by: worker)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// The positions handed out to workers, the results waiting for their turn, and those consumed,
/// by the worker that made them; whichever worker finds the next result in order there consumes
/// it. All state is guarded by `condition`, and one worker at a time consumes, so `consume` is
/// never called concurrently.
private final class OrderedResults<Result>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var consume: ((Result) throws -> Void)?
    private var next = 0
    private var emitted = 0
    private var waiting: [Int: (result: Result, worker: Int)] = [:]
    private var consumed: [[Result]]
    private var consuming = false
    private var stopped = false

    init(count: Int, window: Int, workers: Int, consume: @escaping (Result) throws -> Void) {
        self.count = count
        self.window = window
        self.consume = consume
        consumed = Array(repeating: [], count: workers)
    }

    /// The next position for `worker` to transform, once it is within `window` of the next to
    /// consume (`nil` when every position is handed out or the run stopped), and the results of
    /// that worker consumed since its last claim, for it to let go of.
    func claim(by worker: Int) -> (position: Int?, consumed: [Result]) {
        condition.lock()
        defer { condition.unlock() }
        let mine = consumed[worker]
        consumed[worker] = []
        while !stopped, next < count, next - emitted >= window { condition.wait() }
        guard !stopped, next < count else { return (nil, mine) }
        defer { next += 1 }
        return (next, mine)
    }

    /// Keeps `result`, made by `worker`, for its turn; when no other worker is consuming,
    /// consumes every result whose turn has come. A throw of `consume` stops every worker and is
    /// rethrown here.
    func deliver(_ result: Result, at position: Int, by worker: Int) throws {
        condition.lock()
        guard !stopped else { return condition.unlock() }
        waiting[position] = (result, worker)
        guard !consuming else { return condition.unlock() }
        consuming = true
        while let ready = waiting.removeValue(forKey: emitted), let consume {
            condition.unlock()
            do {
                try consume(ready.result)
            } catch {
                stop()
                throw error
            }
            condition.lock()
            consumed[ready.worker].append(ready.result)
            emitted += 1
            condition.broadcast()
        }
        consuming = false
        condition.unlock()
    }

    /// Lets go of `consume` and of what is waiting, and wakes any worker waiting to claim.
    func close() {
        stop()
        condition.lock()
        consume = nil
        waiting = [:]
        consumed = []
        condition.unlock()
    }

    private func stop() {
        condition.lock()
        stopped = true
        consuming = false
        condition.broadcast()
        condition.unlock()
    }
}
