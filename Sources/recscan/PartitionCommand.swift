import ArgumentParser
import Foundation
import RecscanCore

struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Split the inventories once into one folder per shard, so that each shard reads only its hosts.",
        discussion: """
            Reads every inventory file once and writes OUT/1 … OUT/N: each holds exactly the hosts that \
            `scan --shard K/N` analyzes (the same stable hash of the host's name in the fleet). A file naming \
            hosts of one shard goes whole to it (a hard link where possible); a multi-host recscan inventory \
            or osquery results log is split by host; events and every file that is not an inventory, or \
            cannot be read, go to every shard. The fleet found in --inventories is cut: each folder's copy \
            holds every policy and only that shard's computers, and the whole fleet is linked beside it \
            (.recscan-fleet.xml) for merge and for shards with events, which read it instead. The catalog \
            (--catalog, else the bundled one) is compiled once into each folder (.recscan-catalog): shards \
            given the same catalog load it instead of parsing its XML, others read the XML. Reports of \
            the shards name files as a single run over --inventories would, so shards and merge (given \
            --inventories OUT/1, or --fleet with the original) give the single run's report byte for byte. \
            OUT appears only when complete. Exit status: 0 done; 64 usage (OUT exists); 65 the fleet is \
            unusable; 73 cannot write.

            Examples:
              recscan partition --inventories /srv/inventories --shards 20 --out /srv/parts
              recscan scan --inventories /srv/parts/3 --shard 3/20 --as-of 2026-11-29 --out /srv/shards/3
              recscan merge /srv/shards/*/latest --inventories /srv/parts/1 --out /srv/recscan
            """)

    @Option(help: "Folder of inventories, as the shards' reports will name it (default: Inventories).")
    var inventories = "Inventories"
    @Option(help: "How many shards.")
    var shards: Int
    @Option(help: "Folder to create, holding one folder per shard.")
    var out: String
    @Option(help: "Fleet export (default: the one found in the inventories folder); shards follow its computer names.")
    var fleet: String?
    @Option(name: .customLong("ds-export"), help: "Deep Security API export, instead of --fleet.")
    var dsExport: String?
    @Option(help: "Rule catalog the shards will scan with, compiled once for them (default: the bundled catalog).")
    var catalog: String?
    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1") }
        try InputOptions.checkFleetSource(fleet: fleet, dsExport: dsExport, exclusions: nil)
    }

    func run() throws {
        var options = ScanOptions()
        options.inventories = inventories
        options.inventoriesGiven = true
        options.fleetPath = fleet
        options.deepSecurityExport = dsExport
        options.catalogPath = catalog
        let quiet = self.quiet
        let partitioner = Partitioner(options: options, shards: shards, out: out) { if !quiet { Terminal.error($0) } }
        let summary: Partitioner.Summary
        do {
            summary = try partitioner.run()
        } catch let failure as ScanFailure {
            throw Terminal.fail(failure)
        }
        let perShard = summary.hostsPerShard.map(String.init).joined(separator: " ")
        print(
            "partition \(out): \(summary.files) inventory files into \(shards) shards, \(summary.split) split by host, "
                + "\(summary.everywhere) unreadable given to every shard; hosts per shard: \(perShard)")
    }
}
