import Testing

@testable import RecscanCore

@Suite("Growing list")
struct GrowingListTests {
    @Test("keeps what an array keeps, through growth, removal and bulk appends")
    func matchesArray() {
        var random = SeededGenerator(seed: 5)
        var list = GrowingList<Int32>(capacity: 1)
        var expected: [Int32] = []
        for _ in 0..<5000 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0 where !expected.isEmpty:
                let removed = Int.random(in: 1...expected.count, using: &random)
                list.removeLast(removed)
                expected.removeLast(removed)
            case 1:
                let values = (0..<Int.random(in: 0..<40, using: &random)).map { _ in
                    Int32.random(in: 0..<100, using: &random)
                }
                values.withUnsafeBufferPointer { list.append(contentsOf: $0) }
                expected += values
            case 2 where !expected.isEmpty:
                let position = Int.random(in: 0..<expected.count, using: &random)
                list[position] = -1
                expected[position] = -1
            default:
                let value = Int32.random(in: 0..<100, using: &random)
                list.append(value)
                expected.append(value)
            }
            #expect(list.count == expected.count)
        }
        #expect((0..<list.count).map { list[$0] } == expected)
        list.removeAll()
        #expect(list.count == 0)
    }
}
