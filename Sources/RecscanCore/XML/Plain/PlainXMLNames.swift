/// The distinct names (and namespace URIs) of one document, each stored once, NUL-terminated,
/// so that a name's offset identifies it as libxml2's dictionary address does: readers compare
/// names by address once they have seen one (see ``InternedName``).
struct PlainXMLNames: ~Copyable {
    /// Every stored name, each followed by a NUL.
    private(set) var storage = GrowingList<UInt8>(capacity: 256)
    /// Open addressing over `entries`: an entry's index plus one, 0 for an empty slot.
    private var slots: GrowingList<Int32>
    private var entries = GrowingList<Entry>()

    struct Entry {
        var offset: Int32
        var count: Int32
        var hash: UInt64
    }

    init() {
        slots = GrowingList<Int32>(capacity: 64)
        for _ in 0..<64 { slots.append(0) }
    }

    /// The offset of the name `count` bytes long at `start`, storing it the first time. The
    /// previous answer for the same `hint` (a position in a tag) is tried first: elements of
    /// one kind repeat their attributes in one order, so most names are found without hashing.
    mutating func offset(of start: UnsafePointer<UInt8>, count: Int, hint: inout Int32) -> Int32 {
        if hint >= 0 {
            let entry = entries[Int(hint)]
            if Int(entry.count) == count, Self.equal(storage.base + Int(entry.offset), start, count) {
                return entry.offset
            }
        }
        var hasher = FNV1a()
        hasher.add(bytes: UnsafeBufferPointer(start: start, count: count))
        let hash = hasher.value
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = Int(slots[slot])
            if found == 0 { break }
            let entry = entries[found - 1]
            if entry.hash == hash, Int(entry.count) == count, Self.equal(storage.base + Int(entry.offset), start, count)
            {
                hint = Int32(found - 1)
                return entry.offset
            }
            slot = (slot + 1) & mask
        }
        let offset = Int32(storage.count)
        storage.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        // The NUL, and zeros up to a whole word past the name for `hinted`.
        for _ in 0..<8 { storage.append(0) }
        entries.append(Entry(offset: offset, count: Int32(count), hash: hash))
        slots[slot] = Int32(entries.count)
        hint = Int32(entries.count - 1)
        if entries.count * 2 > slots.count { grow() }
        return offset
    }

    /// The offset and length of the name `hint` last found, when the bytes at `start` (of which
    /// `available` are in the file) spell it and the next byte cannot continue a name: the
    /// usual case, checked a word at a time without scanning the name first.
    @inline(__always)
    func hinted(_ hint: Int32, at start: UnsafePointer<UInt8>, available: Int) -> (offset: Int32, count: Int)? {
        guard hint >= 0 else { return nil }
        let entry = entries[Int(hint)]
        let count = Int(entry.count)
        guard count < available, !PlainXMLBytes.isNameByte(start[count]) else { return nil }
        let stored = UnsafeRawPointer(storage.base + Int(entry.offset))
        let candidate = UnsafeRawPointer(start)
        var position = 0
        while position + 8 <= count {
            guard
                stored.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                    == candidate.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            else { return nil }
            position += 8
        }
        let rest = count - position
        guard rest > 0 else { return (entry.offset, count) }
        if available - position >= 8 {
            // Little-endian: the name's bytes are the word's low ones; the stored word is zero past them.
            let mask: UInt64 = (1 << UInt64(rest * 8)) - 1
            let word = candidate.loadUnaligned(fromByteOffset: position, as: UInt64.self) & mask
            return word == stored.loadUnaligned(fromByteOffset: position, as: UInt64.self) ? (entry.offset, count) : nil
        }
        return Self.equal(storage.base + Int(entry.offset), start, count) ? (entry.offset, count) : nil
    }

    @inline(__always)
    private static func equal(_ stored: UnsafePointer<UInt8>, _ candidate: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index < count {
            guard stored[index] == candidate[index] else { return false }
            index += 1
        }
        return true
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots.removeAll()
        for _ in 0..<size { slots.append(0) }
        let mask = size - 1
        for position in 0..<entries.count {
            var slot = Int(truncatingIfNeeded: entries[position].hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(position + 1)
        }
    }
}
