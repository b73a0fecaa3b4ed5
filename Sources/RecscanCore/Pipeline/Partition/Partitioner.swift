import Foundation

/// `recscan partition`: reads every inventory file once and writes one folder per shard, each
/// holding exactly the inputs its shard's scan needs, so that N shards parse the fleet once
/// between them instead of N times. A file that names hosts of one shard goes whole to it
/// (hard-linked where the file system allows, else copied with its modification time); a
/// multi-host native inventory or osquery results log is split by host; a file that cannot be
/// read, and every file that is not an inventory (the fleet, events, a catalog, anything
/// unrecognized), goes to every shard, where it is read or rejected as a single run would.
public struct Partitioner: Sendable {
    /// What a partition wrote.
    public struct Summary: Sendable {
        /// Inventory files read.
        public var files = 0
        /// Hosts found, and their files, per shard.
        public var hostsPerShard: [Int] = []
        /// Files split by host.
        public var split = 0
        /// Files given to every shard.
        public var everywhere = 0
    }

    let options: ScanOptions
    let shards: Int
    let out: String
    let log: @Sendable (String) -> Void

    /// A partition of `options.inventories` into `shards` folders under `out`.
    public init(options: ScanOptions, shards: Int, out: String, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.shards = shards
        self.out = out
        self.log = log
    }

    /// Writes `out/1` … `out/N`, all at once: they appear only when every one is complete.
    /// - Throws: `ScanFailure` when the inputs cannot be read or the folders cannot be written.
    public func run() throws -> Summary {
        let setup = try ScanSetup.load(options, log: log)
        if setup.inventoryFiles.isEmpty {
            throw ScanFailure.noInventories(
                "--inventories \(options.inventories) holds no inventory file; nothing was written. Is the folder mounted?"
            )
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder) {
            let empty =
                isFolder.boolValue && ((try? FileManager.default.contentsOfDirectory(atPath: out))?.isEmpty ?? false)
            guard empty else {
                throw ScanFailure.usage("--out \(out) exists; partition writes a new folder (remove the old one first)")
            }
            try? FileManager.default.removeItem(atPath: out)
        }
        let staging = out + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: staging)
        do {
            let summary = try write(setup, into: staging)
            guard rename(staging, out) == 0 else {
                throw OutputError(path: out, message: "cannot be created: \(String(cString: strerror(errno)))")
            }
            return summary
        } catch let error as OutputError {
            try? FileManager.default.removeItem(atPath: staging)
            throw ScanFailure.output(error)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    private func write(_ setup: ScanSetup, into staging: String) throws -> Summary {
        let folders = (1...shards).map { (staging as NSString).appendingPathComponent(String($0)) }
        for folder in folders { try OutputFolder.create(folder) }
        try writeCompiledCatalog(into: folders)
        var summary = Summary(hostsPerShard: Array(repeating: 0, count: shards))
        var hostnames: Set<String> = []
        // Per shard, the hosts of the files it gets whole with another shard's hosts.
        var foreign: [Set<String>] = Array(repeating: [], count: shards)
        var placement = FilePlacement(root: options.inventories, folders: folders)
        // Listed and classified once, by the setup. The fleet found in the folder is cut by shard.
        let fleetFile = cutsFleet ? setup.otherFiles.first { $0.kind == .fleet } : nil
        var computers: [[String]] = Array(repeating: [], count: shards)
        if fleetFile != nil {
            for key in setup.fleet.computers.keys.sorted() {
                computers[Shard.position(of: key, count: shards)].append(key)
            }
        }
        for file in setup.otherFiles {
            if let fleetFile, file.path == fleetFile.path {
                try placement.cutFleet(
                    file, setup.fleet, computers: computers, wholeName: PartitionManifest.wholeFleetName)
            } else {
                try placement.everywhere(file)
            }
        }
        for file in setup.inventoryFiles {
            summary.files += 1
            let hosts: [HostInventory]
            do {
                hosts = try InventoryFormats.read(file, limits: options.limits, interest: nil)
            } catch let failure as InventoryFileError {
                // Read and rejected by every shard, as when every shard read every file.
                let names = failure.hostnames(orFileNamed: file.path)
                hostnames.formUnion(names)
                for shard in foreign.indices { foreign[shard].formUnion(names) }
                try placement.everywhere(file)
                summary.everywhere += 1
                continue
            }
            hostnames.formUnion(hosts.map(\.hostname))
            var byShard: [Int: [HostInventory]] = [:]
            for host in hosts {
                let shard = Self.shard(of: host.hostname, fleet: setup.fleet, count: shards)
                byShard[shard, default: []].append(host)
                summary.hostsPerShard[shard] += 1
            }
            if byShard.count <= 1 {
                try placement.whole(file, toShard: byShard.keys.first ?? 0)
            } else if try placement.split(file, hosts: byShard) {
                summary.split += 1
            } else {
                for shard in byShard.keys.sorted() {
                    try placement.whole(file, toShard: shard)
                    foreign[shard].formUnion(hosts.map(\.hostname))
                }
            }
        }
        // A host that is a computer is known by the fleet, whole or cut; the manifest names the others.
        let others = hostnames.filter { setup.fleet.computerKey(for: $0) == nil }.sorted()
        for (position, folder) in folders.enumerated() {
            var manifest = PartitionManifest(
                source: options.inventories, shard: Shard(index: position + 1, count: shards), hosts: others)
            if fleetFile != nil {
                manifest.wholeFleet = PartitionManifest.wholeFleetName
                manifest.computersLeftOut = setup.fleet.computers.count - computers[position].count
                let elsewhere = foreign[position].compactMap { setup.fleet.computerKey(for: $0) }.filter {
                    Shard.position(of: $0, count: shards) != position
                }
                manifest.computersElsewhere = Set(elsewhere).sorted()
            }
            let path = (folder as NSString).appendingPathComponent(PartitionManifest.fileName)
            guard FileManager.default.createFile(atPath: path, contents: Data(manifest.bytes())) else {
                throw OutputError(path: path, message: "cannot be written")
            }
        }
        return summary
    }

    /// The catalog compiled once into every shard folder, so that each shard's scan loads it
    /// instead of parsing the catalog's XML (see `CompiledCatalog`); one file, hard-linked where
    /// the file system allows.
    private func writeCompiledCatalog(into folders: [String]) throws {
        guard let compiled = try ScanSetup.compileCatalog(options) else { return }
        var first: String?
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent(CompiledCatalog.fileName)
            if let first, link(first, path) == 0 { continue }
            guard FileManager.default.createFile(atPath: path, contents: Data(compiled)) else {
                throw OutputError(path: path, message: "cannot be written")
            }
            first = first ?? path
        }
    }

    /// Whether the fleet is a file of the inventories folder, which the shards read there: then
    /// each shard folder gets it cut to the shard's computers.
    private var cutsFleet: Bool { options.fleetPath == nil && options.deepSecurityExport == nil }

    /// The shard (0-based) whose scan analyzes `hostname`: as `scan --shard` decides it.
    static func shard(of hostname: String, fleet: Fleet, count: Int) -> Int {
        Shard.position(of: fleet.hostKey(hostname), count: count)
    }
}
