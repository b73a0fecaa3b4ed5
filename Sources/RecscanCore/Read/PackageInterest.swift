import Foundation

/// The installed packages a scan looks at: those some rule or application type names. An
/// inventory lists about a thousand packages per host and a catalog names few of them, so the
/// native reader asks here, on the attribute's bytes, before it makes any string of a package.
public struct PackageInterest: Sendable {
    private let named: Set<SoftwareKey>
    /// Names of ecosystems that compare names exactly (deb, rpm, …), in an open-addressing
    /// table over their bytes: a lookup hashes the bytes once and allocates nothing. A slot
    /// holds the hash's upper half next to the entry's position + 1 (0: empty), so the usual
    /// lookup, a name no rule names, stays in the slot array and never touches an entry.
    private let slots: [UInt64]
    private let entries: [Entry]
    private let arena: [UInt8]

    private struct Entry: Sendable {
        var hash: UInt64
        var ecosystem: Ecosystem
        var start: Int
        var count: Int
        var softwareID: Int32
    }

    /// What `softwareID(_:name:)` answers for a wanted package whose id it does not know.
    static let unknownID: Int32 = -1

    /// The packages the catalog behind `index` names, with their software ids in it.
    public init(_ index: CatalogIndex) { self.init(ids: index.softwareIDs) }

    /// The packages `named` lists, without software ids.
    init(_ named: Set<SoftwareKey>) {
        self.init(ids: Dictionary(uniqueKeysWithValues: named.map { ($0, nil) }))
    }

    private init(ids: [SoftwareKey: Int?]) {
        named = Set(ids.keys)
        var entries: [Entry] = []
        var arena: [UInt8] = []
        for (key, id) in ids where key.ecosystem.comparesNamesExactly {
            let bytes = Array(key.name.utf8)
            let softwareID = id.flatMap { Int32(exactly: $0) } ?? Self.unknownID
            entries.append(
                Entry(
                    hash: Self.hash(bytes), ecosystem: key.ecosystem, start: arena.count, count: bytes.count,
                    softwareID: softwareID))
            arena += bytes
        }
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [UInt64](repeating: 0, count: capacity)
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = entry.hash & 0xFFFF_FFFF_0000_0000 | UInt64(index + 1)
        }
        self.slots = slots
        self.entries = entries
        self.arena = arena
    }

    /// Whether a package of `ecosystem` named `name` (already trimmed) concerns the catalog.
    func wants(_ ecosystem: Ecosystem, name: String) -> Bool { named.contains(SoftwareKey(ecosystem, name)) }

    /// Whether a package of `ecosystem` whose name is `name` (already trimmed) concerns the catalog.
    func wants(_ ecosystem: Ecosystem, name: UnsafeBufferPointer<UInt8>) -> Bool {
        softwareID(ecosystem, name: name) != nil
    }

    /// The software id of a package of `ecosystem` whose name is `name` (already trimmed), if it
    /// concerns the catalog: `unknownID` when it does but the id is not known here.
    func softwareID(_ ecosystem: Ecosystem, name: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard ecosystem.comparesNamesExactly else {
            let wanted = named.contains(SoftwareKey(ecosystem, String(decoding: name, as: UTF8.self)))
            return wanted ? Self.unknownID : nil
        }
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
                return entry.softwareID
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
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
