/// One part of a fleet split across several runs: hosts are assigned by a stable hash of
/// their lowercased name, so every shard agrees on every host, on any machine.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// This shard's number, 1-based.
    public var index: Int
    /// How many shards the fleet is split into.
    public var count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (1...count).contains(index)
        else { return nil }
        self.index = index
        self.count = count
    }

    /// Shard `index` of `count` (1 ≤ index ≤ count).
    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// The 0-based shard of `count` that analyzes `hostname`.
    public static func position(of hostname: String, count: Int) -> Int {
        Int(stableHash(hostname.lowercased()) % UInt64(count))
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether this shard analyzes `hostname`.
    public func includes(_ hostname: String) -> Bool {
        Self.position(of: hostname, count: count) == index - 1
    }

    /// FNV-1a over the UTF-8 bytes: fixed by definition, unlike Swift's seeded `Hasher`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
