import Foundation
import Testing

@testable import RecscanCore

@Suite("Partition once, scan shards, merge")
struct PartitionTests {
    /// The sample fleet plus a multi-host native file, a host spread over two files (one in a
    /// subfolder), an osquery results log of two hosts and a dpkg status without a time.
    static func inventories(in folder: TemporaryFolder) throws -> String {
        let root = folder.path + "/Inventories"
        try FileManager.default.copyItem(
            atPath: SampleOracleTests.repository.appendingPathComponent("Inventories").path, toPath: root)
        let hosts = (1...6).map { index in
            """
            <host hostname="app\(index)" collected="2026-11-27T10:00:00Z"><os family="linux" name="debian" version="12"/>
            <package ecosystem="deb" name="openssl" version="3.0.2-1"/><package ecosystem="deb" name="nginx" version="1.22.1-9"/>
            <listen protocol="tcp" port="443"/><service name="nginx"/></host>
            """
        }
        try folder.write(
            "Inventories/multi.xml",
            "<inventory xmlns=\"urn:recscan:inventory:1\">\n" + hosts.joined(separator: "\n") + "\n</inventory>\n")
        try FileManager.default.createDirectory(atPath: root + "/more", withIntermediateDirectories: true)
        try folder.write(
            "Inventories/more/app3-extra.xml",
            """
            <inventory xmlns="urn:recscan:inventory:1"><host hostname="APP3" collected="2026-11-28T10:00:00Z">
            <package ecosystem="deb" name="exim4-daemon-light" version="4.96-15"/></host></inventory>
            """)
        let fixtures = SampleOracleTests.repository.appendingPathComponent("Tests/RecscanCoreTests/Fixtures/importers")
        for name in ["osquery/osqueryd.results.log", "dpkg/bookworm-build.status"] {
            let source = fixtures.appendingPathComponent(name)
            try FileManager.default.copyItem(atPath: source.path, toPath: root + "/" + source.lastPathComponent)
        }
        return root
    }

    @Test(arguments: [2, 3, 5])
    func partitionedShardsMergeToTheSingleRunByteForByte(count: Int) async throws {
        try await checkShardsMergeToTheSingleRun(count: count, events: true)
    }

    /// Without events each shard reads a fleet cut to its own computers, and the merge the whole one.
    @Test(arguments: [2, 3, 5])
    func shardsOfACutFleetMergeToTheSingleRunByteForByte(count: Int) async throws {
        try await checkShardsMergeToTheSingleRun(count: count, events: false)
    }

    private func checkShardsMergeToTheSingleRun(count: Int, events: Bool) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = ScanOptions()
        options.inventories = try Self.inventories(in: folder)
        if !events {
            try FileManager.default.removeItem(atPath: options.inventories + "/events.xml")
            // A host that is a computer by its first DNS label, in another file than the computer's own.
            try folder.write(
                "Inventories/dns-extra.xml",
                """
                <inventory xmlns="urn:recscan:inventory:1"><host hostname="dns01.corp.example" collected="2026-11-28T10:00:00Z">
                <package ecosystem="deb" name="bind9" version="1:9.18.19-1~deb12u1"/></host></inventory>
                """)
        }
        options.referenceTime = Fixture.referenceTime
        options.outDirectory = folder.path + "/single"
        let single = try await ScanPipeline(options: options).run()

        let parts = folder.path + "/parts"
        let summary = try Partitioner(options: options, shards: count, out: parts) { _ in }.run()
        #expect(summary.split >= 1)
        // The shards load the catalog compiled once, not its XML: what follows checks that too.
        for index in 1...count {
            var shard = options
            shard.inventories = parts + "/\(index)"
            #expect(ScanSetup.compiledCatalog(shard) { Issue.record("\($0)") } != nil)
        }
        var shardRuns: [String] = []
        for index in 1...count {
            var shard = options
            shard.inventories = parts + "/\(index)"
            shard.shard = Shard(index: index, count: count)
            shard.outDirectory = folder.path + "/shard-\(index)"
            shard.allowEmpty = true
            shardRuns.append(try await ScanPipeline(options: shard).run().runPath)
        }
        var merge = options
        merge.outDirectory = folder.path + "/merged"
        // As the Kubernetes merge Job does: the fleet is found in partition 1, which links the whole one.
        merge.inventories = parts + "/1"
        let merged = try await ShardMerge(shards: shardRuns, options: merge).run()
        #expect(merged.summary == single.summary)
        let expected = fileContents(under: single.runPath)
        #expect(expected.count > 20)
        let produced = fileContents(under: merged.runPath)
        #expect(produced.keys.sorted() == expected.keys.sorted())
        for (path, bytes) in expected where produced[path] != bytes { Issue.record("\(path) differs") }
        let manifest = try #require(try PartitionManifest.read(in: parts + "/1", limits: .standard))
        #expect(manifest.wholeFleet == PartitionManifest.wholeFleetName)
        if !events {
            // The cut fleet holds the shard's computers only; the others are counted.
            let fleet = try FleetReader.read(path: parts + "/1/fleet.xml")
            let whole = try FleetReader.read(path: options.inventories + "/fleet.xml")
            // The same policies, bar the lines they are declared on.
            func unlined(_ fleet: Fleet) -> [String: Policy] {
                fleet.policies.mapValues { policy in
                    var policy = policy
                    policy.line = 0
                    for index in policy.configuration.overrides.indices {
                        policy.configuration.overrides[index].line = 0
                    }
                    return policy
                }
            }
            #expect(unlined(fleet) == unlined(whole))
            #expect(fleet.computers.keys.allSatisfy { Shard(index: 1, count: count).includes($0) })
            #expect(fleet.computers.count + manifest.computersLeftOut == whole.computers.count)
        }
    }

    @Test func eachShardFolderHoldsOnlyItsHostsAndSplitFilesKeepTheirNames() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = ScanOptions()
        options.inventories = try Self.inventories(in: folder)
        let parts = folder.path + "/parts"
        _ = try Partitioner(options: options, shards: 3, out: parts) { _ in }.run()
        for index in 1...3 {
            let shard = Shard(index: index, count: 3)
            let found = try InputDiscovery.discover(directory: parts + "/\(index)")
            for file in found where InventoryFormats.holdsHosts(file.kind) && !file.path.hasSuffix("broken.xml") {
                for host in try InventoryFormats.read(file, limits: .standard) {
                    #expect(shard.includes(host.hostname), "\(host.hostname) in shard \(index)")
                }
            }
            let manifest = try #require(try PartitionManifest.read(in: parts + "/\(index)", limits: .standard))
            #expect(manifest.shard == shard)
            #expect(manifest.hosts.contains("app1") && manifest.hosts.contains("WIN-APP01"))
        }
        // A shard folder scanned as another shard is refused; the output folder is never reused.
        var wrong = options
        wrong.inventories = parts + "/1"
        wrong.shard = Shard(index: 2, count: 3)
        wrong.outDirectory = folder.path + "/wrong"
        await #expect(throws: ScanFailure.self) { try await ScanPipeline(options: wrong).run() }
        #expect(throws: ScanFailure.self) { try Partitioner(options: options, shards: 3, out: parts) { _ in }.run() }
    }
}
