/// The software ids of the index, looked up on a package's name bytes: every installed package of
/// every host is looked up once, and one FNV-1a pass and a probe cost a fraction of hashing a
/// `SoftwareKey` with the standard library's seeded hasher.
///
/// Open addressing over an arena of names; a slot holds an entry's position plus one (0: empty).
struct SoftwareIDTable: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var ecosystem: Ecosystem
        var start: Int
        var count: Int
        var id: Int
    }

    private let slots: [Int32]
    private let entries: [Entry]
    private let arena: [UInt8]

    /// A table of `ids`, keyed as `SoftwareKey` keys them (by normalized name).
    init(_ ids: [SoftwareKey: Int]) {
        var entries: [Entry] = []
        var arena: [UInt8] = []
        entries.reserveCapacity(ids.count)
        // In hash order: where an entry lands does not change what a lookup finds.
        for (key, id) in ids {
            let start = arena.count
            arena += key.name.utf8
            entries.append(
                Entry(
                    hash: Self.hash(arena[start...]), ecosystem: key.ecosystem, start: start,
                    count: arena.count - start,
                    id: id))
        }
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        for (position, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(position + 1)
        }
        self.slots = slots
        self.entries = entries
        self.arena = arena
    }

    /// The software id of the package of `ecosystem` named `name`, if some rule or application type names it.
    func id(_ ecosystem: Ecosystem, _ name: String) -> Int? {
        var normalized = ecosystem.comparesNamesExactly ? name : ecosystem.normalizedName(name)
        return normalized.withUTF8 { bytes in
            let hash = Self.hash(bytes)
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] != 0 {
                let entry = entries[Int(slots[slot]) - 1]
                if entry.hash == hash, entry.ecosystem == ecosystem, arenaHolds(bytes, entry) { return entry.id }
                slot = (slot + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    private func arenaHolds(_ name: UnsafeBufferPointer<UInt8>, _ entry: Entry) -> Bool {
        guard entry.count == name.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            // Indexed rather than `elementsEqual`, whose generic iterators cost several times more.
            for offset in 0..<name.count where arena[entry.start + offset] != name[offset] { return false }
            return true
        }
    }

    /// FNV-1a over the name's bytes (the ecosystem is compared on a hit).
    private static func hash(_ name: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
