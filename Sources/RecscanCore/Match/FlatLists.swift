/// Lists by position (rule ordinals by software id, say), stored end to end in one array:
/// reading the list at a position touches one contiguous range, where an array of arrays costs
/// a pointer to follow, and likely a cache miss, per position (matching reads one per package).
struct FlatLists<Value: Sendable>: Sendable {
    /// Where each position's list starts in `values`; one more entry than there are positions.
    private let starts: [Int]
    private let values: [Value]

    init(_ lists: [[Value]]) {
        var starts: [Int] = []
        starts.reserveCapacity(lists.count + 1)
        var values: [Value] = []
        values.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists {
            starts.append(values.count)
            values += list
        }
        starts.append(values.count)
        self.starts = starts
        self.values = values
    }

    /// `values` grouped into `count` lists by the position `at` gives each (below `count`),
    /// keeping their order within a list: one pass to count, one to place.
    init(grouping values: [Value], count: Int, at position: (Value) -> Int) {
        var starts = [Int](repeating: 0, count: count + 1)
        for value in values { starts[position(value) + 1] += 1 }
        for index in 0..<count { starts[index + 1] += starts[index] }
        var next = starts
        var placed = [Value?](repeating: nil, count: values.count)
        for value in values {
            let at = position(value)
            placed[next[at]] = value
            next[at] += 1
        }
        self.starts = starts
        self.values = placed.compactMap { $0 }
    }

    private init(starts: [Int], values: [Value]) {
        self.starts = starts
        self.values = values
    }

    /// The same lists with `transform` applied to each value, in order (list by list).
    func map<Other>(_ transform: (Value) throws -> Other) rethrows -> FlatLists<Other> {
        FlatLists<Other>(starts: starts, values: try values.map(transform))
    }

    /// How many positions there are.
    var count: Int { starts.count - 1 }

    /// Calls `body` with each value of the list at `position`, in order.
    @inline(__always)
    func forEach(at position: Int, _ body: (Value) -> Void) {
        for offset in starts[position]..<starts[position + 1] { body(values[offset]) }
    }
}
