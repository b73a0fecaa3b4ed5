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
}
