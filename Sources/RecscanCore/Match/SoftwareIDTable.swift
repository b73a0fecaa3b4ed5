import Foundation

/// Software ids looked up on a package's name bytes: every installed package of every host is
/// looked up, and one FNV-1a pass and a probe cost a fraction of hashing a `SoftwareKey` with the
/// standard library's seeded hasher. The index keeps one over all its names; the reader's
/// interest filter (`PackageInterest`) one over the names its fast path can compare as bytes.
///
/// Open addressing over an arena of names. Each slot has a one-byte tag (0: empty, else eight
/// bits of the hash), in an array of its own: the usual lookup, a name no rule names, reads
/// only tags, and 16 KiB of them stay in the cache from package to package where 8-byte slots
/// (128 KiB) missed the L2 on nearly every lookup. The entry sits at its tag's slot.
struct SoftwareIDTable: Sendable {
    /// 32 bytes, two to a cache line: a hit reads one line, and a name of up to 16 bytes is
    /// compared in the entry itself, without reading the arena.
    private struct Entry: Sendable {
        /// The hash's upper half: a tag that matches by chance is told apart without the name.
        var hashHigh: UInt32 = 0
        var id: Int32 = 0
        var start: UInt32 = 0
        var count: UInt16 = 0
        var ecosystem: Ecosystem = .deb
        /// The name's first 16 bytes, zero-padded.
        var prefix: (UInt64, UInt64) = (0, 0)
    }

    /// Names longer than this (an entry counts bytes in 16 bits) are kept in `outsized`.
    private static let maxNameBytes = Int(UInt16.max)

    private let tags: [UInt8]
    private let entries: [Entry]
    private let arena: [UInt8]
    /// The names an entry cannot hold (over `maxNameBytes`, or past 4 GiB of arena, or an id past
    /// 2^31), looked up by their bytes: a catalog may name such a package, however unlikely.
    private let outsized: [OutsizedKey: Int]

    private struct OutsizedKey: Hashable {
        let ecosystem: Ecosystem
        let name: [UInt8]
    }

    /// A table of `ids`, keyed as `SoftwareKey` keys them (by normalized name).
    init(_ ids: some Sequence<(key: SoftwareKey, value: Int)>) {
        var keyed: [(hash: UInt64, entry: Entry)] = []
        var arena: [UInt8] = []
        var outsized: [OutsizedKey: Int] = [:]
        // In hash order: where an entry lands does not change what a lookup finds.
        for (key, id) in ids {
            let start = arena.count
            arena += key.name.utf8
            guard arena.count - start <= Self.maxNameBytes, arena.count <= Int(UInt32.max), id <= Int(Int32.max) else {
                outsized[OutsizedKey(ecosystem: key.ecosystem, name: Array(arena[start...]))] = id
                arena.removeSubrange(start...)
                continue
            }
            let (hash, prefix) = arena[start...].withUnsafeBufferPointer {
                (Self.hash($0, key.ecosystem), Self.prefix($0))
            }
            keyed.append(
                (
                    hash,
                    Entry(
                        hashHigh: UInt32(truncatingIfNeeded: hash >> 32), id: Int32(id), start: UInt32(start),
                        count: UInt16(arena.count - start), ecosystem: key.ecosystem, prefix: prefix)
                ))
        }
        var capacity = 16
        while capacity < keyed.count * 2 { capacity *= 2 }
        var tags = [UInt8](repeating: 0, count: capacity)
        var entries = [Entry](repeating: Entry(), count: capacity)
        for (hash, entry) in keyed {
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while tags[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            tags[slot] = Self.tag(hash)
            entries[slot] = entry
        }
        self.tags = tags
        self.entries = entries
        self.arena = arena
        self.outsized = outsized
    }

    /// The software id of the package of `ecosystem` named `name`, if the table has it.
    func id(_ ecosystem: Ecosystem, _ name: String) -> Int? {
        var normalized = ecosystem.comparesNamesExactly ? name : ecosystem.normalizedName(name)
        return normalized.withUTF8 { id(ecosystem, bytes: $0) }
    }

    /// The software id of the package of `ecosystem` whose name, as the table keys it, is `bytes`.
    func id(_ ecosystem: Ecosystem, bytes name: UnsafeBufferPointer<UInt8>) -> Int? {
        if let id = entryID(ecosystem, name) { return id }
        return outsized.isEmpty ? nil : outsized[OutsizedKey(ecosystem: ecosystem, name: Array(name))]
    }

    private func entryID(_ ecosystem: Ecosystem, _ name: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(name, ecosystem)
        let tag = Self.tag(hash)
        let mask = tags.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = tags[slot]
            if found == 0 { return nil }
            if found == tag {
                let entry = entries[slot]
                if entry.hashHigh == UInt32(truncatingIfNeeded: hash >> 32), entry.ecosystem == ecosystem,
                    Int(entry.count) == name.count, entry.prefix == Self.prefix(name),
                    name.count <= 16 || arenaHolds(name, at: Int(entry.start))
                {
                    return Int(entry.id)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Eight bits of the hash, never 0; not the bits that pick the slot.
    private static func tag(_ hash: UInt64) -> UInt8 {
        max(UInt8(truncatingIfNeeded: hash >> 24), 1)
    }

    /// The first 16 bytes of `name` as two words, zero-padded.
    private static func prefix(_ name: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let base = name.baseAddress else { return (0, 0) }
        if name.count >= 16 {
            let raw = UnsafeRawPointer(base)
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(name)) }
        return words
    }

    private func arenaHolds(_ name: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            guard let base = arena.baseAddress, let bytes = name.baseAddress else { return name.isEmpty }
            return memcmp(base + start, bytes, name.count) == 0
        }
    }

    /// FNV-1a over the name's bytes eight at a time (byte by byte, each step waited on the last
    /// one's multiply), then MurmurHash3's finalizer, so that the slot (the low bits) and the tag
    /// depend on every byte. The ecosystem is hashed too: a Debian host's packages often share
    /// their names with rpm packages of the catalog, and every such lookup read an entry.
    private static func hash(_ name: UnsafeBufferPointer<UInt8>, _ ecosystem: Ecosystem) -> UInt64 {
        var hash = FNV1a()
        hash.add(bytes: name)
        hash.add(word: UInt64(name.count) | UInt64(ecosystem.code) << 56)
        var mixed = hash.value
        mixed = (mixed ^ mixed >> 33) &* 0xff51_afd7_ed55_8ccd
        mixed = (mixed ^ mixed >> 33) &* 0xc4ce_b9fe_1a85_ec53
        return mixed ^ mixed >> 33
    }
}

extension Ecosystem {
    /// A small number per ecosystem, for hashing.
    fileprivate var code: UInt8 {
        switch self {
        case .deb: 1
        case .rpm: 2
        case .pypi: 3
        case .npm: 4
        case .maven: 5
        case .nuget: 6
        case .gem: 7
        case .golang: 8
        case .cargo: 9
        case .windows: 10
        case .generic: 11
        }
    }
}
