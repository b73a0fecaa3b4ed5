#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serialized pieces found by the bytes they were made from, such as a piece of evidence as a
/// host record holds it: a lookup hashes and compares those bytes and makes no string, where a
/// lookup by value hashed every string of the piece and then compared them. Keys and values
/// sit end to end in one arena, found through a table of slots by linear probing.
///
/// Each entry has a kind (what the piece is, at what depth: the caller's number) besides its key
/// bytes. What the memo holds is bounded by the budget its owner gives `keep`.
struct BytesMemo {
    private var slots: [Slot] = []
    private var arena: [UInt8] = []
    private var filled = 0

    private struct Slot {
        var hash: UInt64 = 0
        var start: UInt32 = 0
        var keyCount: UInt32 = 0
        var valueCount: UInt32 = 0
        /// The entry's kind plus one; 0 for an empty slot.
        var kind: UInt32 = 0
    }

    /// Appends the value kept for `key` of `kind` to `bytes`.
    /// - Returns: false, and appends nothing, when there is none.
    func append(kind: UInt32, key: UnsafeBufferPointer<UInt8>, to bytes: inout RenderBuffer) -> Bool {
        guard let slot = find(kind: kind, key: key, hash: Self.hash(kind, key)).found else { return false }
        let entry = slots[slot]
        let start = Int(entry.start) + Int(entry.keyCount)
        arena.withUnsafeBufferPointer { arena in
            bytes.append(UnsafeBufferPointer(rebasing: arena[start..<start + Int(entry.valueCount)]))
        }
        return true
    }

    /// Keeps `value` for `key` of `kind`, if what the arena and the table grow by to hold it
    /// fits in `budget`, which is then reduced by that much.
    mutating func keep(_ value: [UInt8], kind: UInt32, key: UnsafeBufferPointer<UInt8>, budget: inout Int) {
        let size = key.count + value.count
        guard kind < UInt32.max, size <= Int(UInt32.max), arena.count + size <= Int(UInt32.max) else { return }
        // The arena grows in steps of 64 KiB and the table by doubling, each counted whole, so
        // that what the memo holds stays within the budget whatever the growth policy of arrays.
        let arenaGrowth = arena.count + size > arena.capacity ? max(64 << 10, size) : 0
        let newSlots = (filled + 1) * 2 > slots.count ? max(256, slots.count * 2) : 0
        let cost = arenaGrowth + newSlots * MemoryLayout<Slot>.stride
        guard cost <= budget else { return }
        budget -= cost
        if arenaGrowth > 0 { arena.reserveCapacity(arena.capacity + arenaGrowth) }
        if newSlots > 0 { rehash(into: newSlots) }
        let hash = Self.hash(kind, key)
        let probe = find(kind: kind, key: key, hash: hash)
        guard probe.found == nil else { return }
        slots[probe.free] = Slot(
            hash: hash, start: UInt32(arena.count), keyCount: UInt32(key.count), valueCount: UInt32(value.count),
            kind: kind + 1)
        filled += 1
        arena.append(contentsOf: key)
        arena += value
    }

    /// The slot holding `key` of `kind`, or the empty slot where it would go.
    private func find(kind: UInt32, key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (found: Int?, free: Int) {
        guard !slots.isEmpty else { return (nil, 0) }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].kind != 0 {
            let slot = slots[index]
            if slot.kind == kind + 1, slot.hash == hash, Int(slot.keyCount) == key.count,
                Self.equal(arena, from: Int(slot.start), key)
            {
                return (index, index)
            }
            index = (index + 1) & mask
        }
        return (nil, index)
    }

    /// Whether `arena` holds `key` at `start`.
    private static func equal(_ arena: [UInt8], from start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let keyStart = key.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { arena in
            guard let arenaStart = arena.baseAddress else { return false }
            return memcmp(arenaStart + start, keyStart, key.count) == 0
        }
    }

    private mutating func rehash(into count: Int) {
        let old = slots
        slots = [Slot](repeating: Slot(), count: count)
        for slot in old where slot.kind != 0 {
            var index = Int(truncatingIfNeeded: slot.hash) & (count - 1)
            while slots[index].kind != 0 { index = (index + 1) & (count - 1) }
            slots[index] = slot
        }
    }

    private static func hash(_ kind: UInt32, _ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var digest = FNV1a()
        digest.add(word: UInt64(kind) << 32 | UInt64(key.count))
        digest.add(bytes: key)
        // FNV's low bits, which pick the slot, depend little on the last bytes: mix them in.
        let value = digest.value
        return (value ^ (value >> 29)) &* 0xbf58_476d_1ce4_e5b9
    }
}
