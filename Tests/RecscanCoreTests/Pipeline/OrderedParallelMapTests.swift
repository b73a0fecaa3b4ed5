import Foundation
import Synchronization
import Testing

@testable import RecscanCore

@Suite("Ordered parallel map")
struct OrderedParallelMapTests {
    private struct Stop: Error, Equatable {}

    /// A few microseconds' work that differs per item, so that items finish out of order.
    private static func uneven(_ item: Int) -> Int {
        usleep(UInt32((item * 7919) % 13) * 40)
        return item * 3
    }

    @Test("hands every result over in input order, whatever order they finish in", arguments: [1, 2, 3, 8])
    func inOrder(jobs: Int) async throws {
        var consumed: [Int] = []
        try await orderedParallelMap(0..<300, jobs: jobs, transform: Self.uneven) { consumed.append($0) }
        #expect(consumed == (0..<300).map { $0 * 3 })
    }

    @Test("consumes on one worker at a time and keeps at most jobs × 4 results unconsumed", arguments: [2, 3])
    func oneConsumerBoundedWindow(jobs: Int) async throws {
        let unconsumed = Mutex((now: 0, most: 0))
        var consuming = false
        var overlapped = false
        try await orderedParallelMap(
            0..<400, jobs: jobs,
            transform: { item in
                unconsumed.withLock { count in
                    count.now += 1
                    count.most = max(count.most, count.now)
                }
                return Self.uneven(item)
            },
            consume: { _ in
                if consuming { overlapped = true }
                consuming = true
                usleep(20)
                consuming = false
                unconsumed.withLock { $0.now -= 1 }
            })
        #expect(!overlapped)
        #expect(unconsumed.withLock { $0.most } <= jobs * 4)
        #expect(unconsumed.withLock { $0.now } == 0)
    }

    @Test("a throwing consume stops the run, and its error comes out", arguments: [1, 2, 4])
    func consumeThrows(jobs: Int) async {
        var consumed: [Int] = []
        await #expect(throws: Stop()) {
            try await orderedParallelMap(0..<500, jobs: jobs, transform: Self.uneven) { value in
                if value == 37 * 3 { throw Stop() }
                consumed.append(value)
            }
        }
        #expect(consumed == (0..<37).map { $0 * 3 })
    }

    @Test("no item and one item")
    func fewItems() async throws {
        var consumed: [Int] = []
        try await orderedParallelMap(0..<0, jobs: 2, transform: Self.uneven) { consumed.append($0) }
        try await orderedParallelMap(5..<6, jobs: 2, transform: Self.uneven) { consumed.append($0) }
        #expect(consumed == [15])
    }
}
