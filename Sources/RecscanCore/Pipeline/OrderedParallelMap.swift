/// Transforms `items` on up to `jobs` concurrent tasks and hands each result to `consume`
/// in input order, so that output never depends on scheduling. At most `jobs * 4` results
/// are in flight or waiting, whatever the number of items.
///
/// `items` may be a range of positions into a list the transform reads, so that no copy of the
/// list is made per run (a fleet's file list is a few hundred kilobytes).
func orderedParallelMap<Items: RandomAccessCollection & Sendable, Result: Sendable>(
    _ items: Items, jobs: Int, transform: @escaping @Sendable (Items.Element) -> Result,
    consume: (Result) throws -> Void
) async throws where Items.Element: Sendable, Items.Index == Int {
    guard jobs > 1 else {
        // One job: in this task, item after item. A child task per item would hand every
        // result over to this task and back, and each handover may wake the other core and
        // move the work there, losing its caches: a one-job run took 1.3x as long as pinned
        // to one core.
        for item in items { try consume(transform(item)) }
        return
    }
    let window = jobs * 4
    try await withThrowingTaskGroup(of: (Int, Result).self) { group in
        var next = 0
        var running = 0
        var waiting: [Int: Result] = [:]
        var emitted = 0
        func startMore() {
            while running < jobs, next < items.count, next - emitted < window {
                let index = next
                let item = items[items.startIndex + index]
                group.addTask { (index, transform(item)) }
                next += 1
                running += 1
            }
        }
        startMore()
        while let (index, result) = try await group.next() {
            running -= 1
            waiting[index] = result
            // The next item starts before this one is consumed, so that no worker waits for
            // the consumer (with one job, the worker would otherwise idle while it stores).
            startMore()
            while let ready = waiting.removeValue(forKey: emitted) {
                try consume(ready)
                emitted += 1
            }
            startMore()
        }
    }
}
