/// Lists of small integers (rule ordinals) by position, stored end to end in one array: reading
/// the list at a position touches one contiguous range, where an array of arrays costs a
/// pointer to follow, and likely a cache miss, per position (matching reads one per package).
struct FlatLists: Sendable {
    /// Where each position's list starts in `values`; one more entry than there are positions.
    private let starts: [Int]
    private let values: [Int]

    init(_ lists: [[Int]]) {
        var starts: [Int] = []
        starts.reserveCapacity(lists.count + 1)
        var values: [Int] = []
        values.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists {
            starts.append(values.count)
            values += list
        }
        starts.append(values.count)
        self.starts = starts
        self.values = values
    }

    /// How many positions there are.
    var count: Int { starts.count - 1 }

    /// Calls `body` with each value of the list at `position`, in order.
    @inline(__always)
    func forEach(at position: Int, _ body: (Int) -> Void) {
        for offset in starts[position]..<starts[position + 1] { body(values[offset]) }
    }
}

/// Software-only rules with their one criterion, by software id, stored end to end as
/// `FlatLists` stores lists.
struct SoftwareOnlyRules: Sendable {
    private let starts: [Int]
    private let ordinals: [Int]
    private let criteria: [SoftwareCriterion]

    init(_ lists: [[(ordinal: Int, criterion: SoftwareCriterion)]]) {
        var starts: [Int] = []
        starts.reserveCapacity(lists.count + 1)
        var ordinals: [Int] = []
        var criteria: [SoftwareCriterion] = []
        for list in lists {
            starts.append(ordinals.count)
            for (ordinal, criterion) in list {
                ordinals.append(ordinal)
                criteria.append(criterion)
            }
        }
        starts.append(ordinals.count)
        self.starts = starts
        self.ordinals = ordinals
        self.criteria = criteria
    }

    /// Calls `body` with each rule ordinal and criterion of software id `id`, in rule order.
    @inline(__always)
    func forEach(at id: Int, _ body: (Int, SoftwareCriterion) -> Void) {
        for offset in starts[id]..<starts[id + 1] { body(ordinals[offset], criteria[offset]) }
    }
}
