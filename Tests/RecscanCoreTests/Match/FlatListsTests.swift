import Testing

@testable import RecscanCore

@Suite("Flat lists")
struct FlatListsTests {
    @Test("each position gives back its list, empty ones included, in order")
    func listsRoundTrip() {
        let lists = [[3, 1, 4], [], [1], [], [], [5, 9, 2, 6]]
        let flat = FlatLists(lists)
        #expect(flat.count == lists.count)
        for (position, list) in lists.enumerated() {
            var values: [Int] = []
            flat.forEach(at: position) { values.append($0) }
            #expect(values == list)
        }
        #expect(FlatLists<Int>([]).count == 0)
    }

    /// Grouping values by position gives the lists of appending each value to its position's
    /// list in turn (the oracle), empty positions and the order within a list included.
    @Test(arguments: [0, 1, 7, 300])
    func groupingMatchesAppendingToAListPerPosition(valueCount: Int) {
        let positions = 11
        var random = SystemRandomNumberGenerator()
        let values = (0..<valueCount).map { (position: Int.random(in: 0..<positions, using: &random), value: $0) }
        var lists = [[(position: Int, value: Int)]](repeating: [], count: positions)
        for value in values { lists[value.position].append(value) }
        let grouped = FlatLists(grouping: values, count: positions) { $0.position }
        let mapped = grouped.map { $0.value * 2 }
        #expect(grouped.count == positions && mapped.count == positions)
        for position in 0..<positions {
            var found: [Int] = []
            grouped.forEach(at: position) { found.append($0.value) }
            #expect(found == lists[position].map(\.value))
            var doubled: [Int] = []
            mapped.forEach(at: position) { doubled.append($0) }
            #expect(doubled == lists[position].map { $0.value * 2 })
        }
    }
}
