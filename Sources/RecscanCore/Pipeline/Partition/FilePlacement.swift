import Foundation

/// Puts inventory files into the shard folders of a partition at their path relative to the
/// inventories folder, so that each shard lists its files in the order a single run does.
struct FilePlacement {
    /// The inventories folder as given.
    let root: String
    /// The shard folders, in shard order.
    let folders: [String]

    /// A copy of `file` in every shard folder.
    mutating func everywhere(_ file: DiscoveredInput) throws {
        for shard in folders.indices { try whole(file, toShard: shard) }
    }

    /// `file` in one shard folder (see `place`).
    func whole(_ file: DiscoveredInput, toShard shard: Int) throws {
        try place(file.path, at: try destination(file, shard: shard))
    }

    /// The fleet file of each shard folder cut to that shard's computers (`computers[shard]`,
    /// keys in order), and the whole file beside it at the top of the folder as `wholeName`.
    func cutFleet(_ file: DiscoveredInput, _ fleet: Fleet, computers: [[String]], wholeName: String) throws {
        for shard in folders.indices {
            let target = try destination(file, shard: shard)
            do {
                try FleetXMLWriter.write(fleet, computers: computers[shard], to: target)
            } catch let error as OutputError {
                throw error
            } catch {
                throw OutputError(path: target, message: "cannot be written: \(error)")
            }
            keepModificationTime(of: file.path, on: target)
            try place(file.path, at: (folders[shard] as NSString).appendingPathComponent(wholeName))
        }
    }

    /// `source` at `target`: a hard link where the file system allows, else a copy that keeps
    /// the modification time (a package list without a collection time is dated by it).
    private func place(_ source: String, at target: String) throws {
        if link(source, target) == 0 { return }
        // A FIFO, device or link that cannot be hard-linked is not copied: reading it could
        // block or leave the folder. (Its rejection is then missing from the shard's report.)
        var info = stat()
        guard lstat(source, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        do {
            try FileManager.default.copyItem(atPath: source, toPath: target)
        } catch {
            throw OutputError(path: target, message: "cannot be written: \(RunDirectory.cause(of: error))")
        }
        keepModificationTime(of: source, on: target)
    }

    /// One file per shard holding that shard's hosts, for the formats that can be split: a
    /// native inventory (written again from what its reader read) and an osquery results log
    /// (its lines, by their host). `false` when the file is of another format.
    func split(_ file: DiscoveredInput, hosts byShard: [Int: [HostInventory]]) throws -> Bool {
        switch file.kind {
        case .nativeInventory:
            for (shard, hosts) in byShard {
                let target = try destination(file, shard: shard)
                do {
                    try InventoryXMLWriter.write(hosts, to: target)
                } catch let error as OutputError {
                    throw error
                } catch {
                    throw OutputError(path: target, message: "cannot be written: \(error)")
                }
                keepModificationTime(of: file.path, on: target)
            }
            return true
        case .osqueryJSON:
            return try splitResultsLog(file, shardOf: byShard)
        default:
            return false
        }
    }

    /// The lines of a results log, each to the shard of its `hostIdentifier`; `false` (nothing
    /// written) when a line does not name one of the file's hosts.
    private func splitResultsLog(_ file: DiscoveredInput, shardOf byShard: [Int: [HostInventory]]) throws -> Bool {
        var shardOfHost: [String: Int] = [:]
        for (shard, hosts) in byShard { for host in hosts { shardOfHost[host.hostname.lowercased()] = shard } }
        guard let data = FileManager.default.contents(atPath: file.path) else { return false }
        var parts: [Int: [UInt8]] = [:]
        for line in [UInt8](data).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var parser = JSONParser(bytes: Array(line), file: file.displayName, limits: .standard)
            guard let document = try? parser.nextDocument(), let name = document["hostIdentifier"]?.trimmedText,
                let shard = shardOfHost[name.lowercased()]
            else { return false }
            parts[shard, default: []] += line + [UInt8(ascii: "\n")]
        }
        for (shard, bytes) in parts {
            let target = try destination(file, shard: shard)
            guard FileManager.default.createFile(atPath: target, contents: Data(bytes)) else {
                throw OutputError(path: target, message: "cannot be written")
            }
            keepModificationTime(of: file.path, on: target)
        }
        return true
    }

    /// The file's path in a shard folder, its folders made.
    private func destination(_ file: DiscoveredInput, shard: Int) throws -> String {
        let relative = file.relativePath(under: root) ?? file.path
        let target = (folders[shard] as NSString).appendingPathComponent(relative)
        if let parent = OutputFolder.parent(of: target) { try OutputFolder.create(parent) }
        return target
    }

    private func keepModificationTime(of source: String, on target: String) {
        var info = stat()
        guard stat(source, &info) == 0 else { return }
        var times = [info.st_atim, info.st_mtim]
        _ = utimensat(AT_FDCWD, target, &times, 0)
    }
}
