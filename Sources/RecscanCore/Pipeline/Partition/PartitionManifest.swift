import Foundation

/// `.recscan-partition` in each folder `recscan partition` writes: which shard the folder is,
/// the inventories folder it was cut from (reports name files by it, as a single run would),
/// and every host of the whole fleet (an event for a host of another shard is not an event
/// for an unknown computer). Hidden, so that a scan's discovery never reads it as an input.
public struct PartitionManifest: Sendable, Equatable {
    static let fileName = ".recscan-partition"
    static let format = "recscan-partition/1"

    /// The inventories folder as `partition` was given it, e.g. "Inventories".
    public var source: String
    /// This folder's shard.
    public var shard: Shard
    /// Every hostname found in the inventories, sorted.
    public var hosts: [String]

    /// A manifest of one shard.
    public init(source: String, shard: Shard, hosts: [String]) {
        self.source = source
        self.shard = shard
        self.hosts = hosts
    }

    /// The manifest as JSON.
    func bytes() -> [UInt8] {
        var json = JSONBytes(capacity: 256 + hosts.count * 24)
        json.open("format")
        json.string(Self.format)
        json.field("source", source)
        json.field("shard", shard.index)
        json.field("shards", shard.count)
        json.strings("hosts", hosts)
        json.close()
        json.raw("\n")
        return json.bytes
    }

    /// The manifest of `directory`, `nil` when it is not a partition.
    /// - Throws: `InputError` when the manifest is there but unusable.
    static func read(in directory: String, limits: InputLimits) throws -> PartitionManifest? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes = try InputFile.bytes(path: path, displayName: path, limits: limits)
        var parser = JSONParser(bytes: bytes, file: path, limits: limits)
        guard let root = try parser.nextDocument(), root["format"]?.text == format,
            let source = root["source"]?.text, let index = root["shard"]?.text.flatMap({ Int($0) }),
            let count = root["shards"]?.text.flatMap({ Int($0) }), let shard = Shard("\(index)/\(count)"),
            let hosts = root["hosts"]?.array
        else {
            throw InputError(file: path, message: "is not a \(format) manifest written by recscan partition")
        }
        return PartitionManifest(source: source, shard: shard, hosts: hosts.compactMap(\.text))
    }
}
