/// Values kept by a small number (a rule's ordinal in the run's catalog index, a state number),
/// found by position instead of by hashing: the list grows to the highest number stored. A
/// negative number has no slot: reading it gives `nil`, storing to it keeps nothing.
struct NumberedSlots<Value> {
    private var slots: [Value?] = []

    /// One more than the highest number a value was stored for (0 when none was).
    var count: Int { slots.count }

    subscript(number: Int) -> Value? {
        get { number >= 0 && number < slots.count ? slots[number] : nil }
        set {
            guard number >= 0 else { return }
            if number >= slots.count { slots += repeatElement(nil, count: number + 1 - slots.count) }
            slots[number] = newValue
        }
    }
}

extension NumberedSlots: Sendable where Value: Sendable {}
