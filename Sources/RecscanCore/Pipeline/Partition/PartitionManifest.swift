import Foundation

/// `.recscan-partition` in each folder `recscan partition` writes: which shard the folder is,
/// the inventories folder it was cut from (reports name files by it, as a single run would),
/// and what a shard needs to know of the rest of the fleet. Hidden, so that a scan's discovery
/// never reads it as an input.
///
/// A fleet file found in the inventories folder is cut: the shard folder's copy holds every
/// policy but only the shard's own computers (reading 20,000 computers in each of 20 shards
/// cost more than a shard's own hosts). The manifest says how many computers were left out and
/// names those that a host of the folder's files answers to (`computersElsewhere`), so that
/// every host pairs with the computer it pairs with in the whole fleet; the whole fleet is
/// linked beside it (`wholeFleet`) for the readers that need every computer: `merge` (the
/// exclusion audit) and a shard with events (triage weighs a computer against the others under
/// its policy).
public struct PartitionManifest: Sendable, Equatable {
    static let fileName = ".recscan-partition"
    static let format = "recscan-partition/2"
    /// The whole fleet's hard link (or copy) in a shard folder whose fleet file is cut.
    static let wholeFleetName = ".recscan-fleet.xml"

    /// The inventories folder as `partition` was given it, e.g. "Inventories".
    public var source: String
    /// This folder's shard.
    public var shard: Shard
    /// The hostnames found in the inventories that are no computer of the fleet, sorted (an
    /// event for one of another shard is not an event for an unknown computer).
    public var hosts: [String]
    /// How many computers the folder's cut fleet leaves out; 0 when the fleet is not cut.
    public var computersLeftOut = 0
    /// Keys of the computers left out that a host in the folder's files answers to, sorted.
    public var computersElsewhere: [String] = []
    /// The whole fleet's file in the folder when its fleet file is cut, else `nil`.
    public var wholeFleet: String?

    /// A manifest of one shard.
    public init(
        source: String, shard: Shard, hosts: [String], computersLeftOut: Int = 0, computersElsewhere: [String] = [],
        wholeFleet: String? = nil
    ) {
        self.source = source
        self.shard = shard
        self.hosts = hosts
        self.computersLeftOut = computersLeftOut
        self.computersElsewhere = computersElsewhere
        self.wholeFleet = wholeFleet
    }

    /// The manifest as JSON.
    func bytes() -> [UInt8] {
        var json = JSONBytes(capacity: 256 + (hosts.count + computersElsewhere.count) * 24)
        json.open("format")
        json.string(Self.format)
        json.field("source", source)
        json.field("shard", shard.index)
        json.field("shards", shard.count)
        json.strings("hosts", hosts)
        if let wholeFleet {
            json.field("wholeFleet", wholeFleet)
            json.field("computersLeftOut", computersLeftOut)
            json.strings("computersElsewhere", computersElsewhere)
        }
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
            let hosts = root["hosts"]?.array, [nil, wholeFleetName].contains(root["wholeFleet"]?.text)
        else {
            throw InputError(file: path, message: "is not a \(format) manifest written by recscan partition")
        }
        return PartitionManifest(
            source: source, shard: shard, hosts: hosts.compactMap(\.text),
            computersLeftOut: root["computersLeftOut"]?.text.flatMap { Int($0) } ?? 0,
            computersElsewhere: root["computersElsewhere"]?.array?.compactMap(\.text) ?? [],
            wholeFleet: root["wholeFleet"]?.text)
    }
}
