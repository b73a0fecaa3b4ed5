import Foundation

/// Software ids looked up on a package's name bytes: every installed package of every host is
/// looked up, and one FNV-1a pass and a probe cost a fraction of hashing a `SoftwareKey` with the
/// standard library's seeded hasher. The index keeps one over all its names; the reader's
/// interest filter (`PackageInterest`) one over the names its fast path can compare as bytes.
///
/// Open addressing over an arena of names. A slot holds the hash's upper half next to the
/// entry's position + 1 (0: empty), so the usual lookup, a name no rule names, stays in the slot
/// array and never touches an entry.
struct SoftwareIDTable: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var ecosystem: Ecosystem
        var start: Int
        var count: Int
        var id: Int
    }

    private let slots: [UInt64]
    private let entries: [Entry]
    private let arena: [UInt8]

    /// A table of `ids`, keyed as `SoftwareKey` keys them (by normalized name).
    init(_ ids: some Sequence<(key: SoftwareKey, value: Int)>) {
        var entries: [Entry] = []
        var arena: [UInt8] = []
        // In hash order: where an entry lands does not change what a lookup finds.
        for (key, id) in ids {
            let start = arena.count
            arena += key.name.utf8
            entries.append(
                Entry(
                    hash: Self.hash(arena[start...]), ecosystem: key.ecosystem, start: start,
                    count: arena.count - start, id: id))
        }
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [UInt64](repeating: 0, count: capacity)
        for (position, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = entry.hash & 0xFFFF_FFFF_0000_0000 | UInt64(position + 1)
        }
        self.slots = slots
        self.entries = entries
        self.arena = arena
    }

    /// The software id of the package of `ecosystem` named `name`, if the table has it.
    func id(_ ecosystem: Ecosystem, _ name: String) -> Int? {
        var normalized = ecosystem.comparesNamesExactly ? name : ecosystem.normalizedName(name)
        return normalized.withUTF8 { id(ecosystem, bytes: $0) }
    }

    /// The software id of the package of `ecosystem` whose name, as the table keys it, is `bytes`.
    func id(_ ecosystem: Ecosystem, bytes name: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(name)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let value = slots[slot]
            guard value >> 32 == hash >> 32 else {
                slot = (slot + 1) & (slots.count - 1)
                continue
            }
            let entry = entries[Int(value & 0xFFFF_FFFF) - 1]
            if entry.hash == hash, entry.ecosystem == ecosystem, entry.count == name.count,
                arenaHolds(name, at: entry.start)
            {
                return entry.id
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    private func arenaHolds(_ name: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            guard let base = arena.baseAddress, let bytes = name.baseAddress else { return name.isEmpty }
            return memcmp(base + start, bytes, name.count) == 0
        }
    }

    /// FNV-1a over the name's bytes (the ecosystem is compared on a hit).
    private static func hash(_ name: some Sequence<UInt8>) -> UInt64 {
        var hash = FNV1a()
        for byte in name { hash.add(byte) }
        return hash.value
    }
}

/// The 64-bit FNV-1a hash, fed byte by byte: cheap on short names and ids, where the standard
/// library's seeded hasher costs several times more.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) { add(word: UInt64(byte)) }

    /// One step over a whole 64-bit word at once (not byte by byte).
    mutating func add(word: UInt64) { value = (value ^ word) &* 0x100_0000_01b3 }
}
