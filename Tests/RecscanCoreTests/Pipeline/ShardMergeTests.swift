import Foundation
import Testing

@testable import RecscanCore

@Suite("Shards and merge")
struct ShardMergeTests {
    @Test func shardsCoverEveryHostOnce() {
        let names = (0..<500).map { "host-\($0)" }
        for count in [1, 2, 3, 7] {
            let shards = (1...count).compactMap { Shard("\($0)/\(count)") }
            for name in names {
                #expect(shards.filter { $0.includes(name) }.count == 1)
                #expect(shards.filter { $0.includes(name.uppercased()) } == shards.filter { $0.includes(name) })
            }
        }
        #expect(Shard("0/2") == nil && Shard("3/2") == nil && Shard("2") == nil && Shard("1/0") == nil)
    }

    /// Options of a scan of the sample fleet at the tests' reference time, written to `out`.
    static func sampleScan(into out: String) -> ScanOptions {
        var options = ScanOptions()
        options.inventories = SampleOracleTests.repository.appendingPathComponent("Inventories").path
        options.referenceTime = Fixture.referenceTime
        options.outDirectory = out
        return options
    }

    @Test(arguments: [2, 3])
    func mergedShardsAreByteIdenticalToOneRun(count: Int) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let options = Self.sampleScan(into: folder.path + "/single")
        let single = try await ScanPipeline(options: options).run()
        var shardRuns: [String] = []
        for index in 1...count {
            var shard = options
            shard.shard = Shard("\(index)/\(count)")
            shard.outDirectory = folder.path + "/shard-\(index)"
            shardRuns.append(try await ScanPipeline(options: shard).run().runPath)
        }
        var merge = options
        merge.outDirectory = folder.path + "/merged"
        let merged = try await ShardMerge(shards: shardRuns.reversed(), options: merge).run()
        #expect(merged.runID == single.runID)
        #expect(merged.summary == single.summary)
        let expected = fileContents(under: single.runPath)
        #expect(expected.count > 20)
        #expect(fileContents(under: merged.runPath) == expected)
    }

    @Test func aMergeMissingAShardIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let options = Self.sampleScan(into: folder.path + "/single")
        var runs: [String] = []
        for index in [1, 3] {
            var shard = options
            shard.shard = Shard(index: index, count: 3)
            shard.outDirectory = folder.path + "/shard-\(index)"
            shard.formats = [.xml]
            runs.append(try await ScanPipeline(options: shard).run().runPath)
        }
        var merge = options
        merge.outDirectory = folder.path + "/merged"
        await #expect(throws: ScanFailure.self) { try await ShardMerge(shards: runs, options: merge).run() }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/merged/latest"))
    }

    @Test func aHostInTwoShardsIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = Self.sampleScan(into: folder.path + "/single")
        let single = try await ScanPipeline(options: options).run()
        options.outDirectory = folder.path + "/merged"
        await #expect(throws: ScanFailure.self) {
            try await ShardMerge(shards: [single.runPath, single.runPath], options: options).run()
        }
    }

    /// The merge reads the shards side by side, trusting each to list its hosts sorted: a
    /// hand-edited report that does not is refused with its name, never merged wrongly.
    @Test func aShardWithHostsOutOfOrderIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = Self.sampleScan(into: folder.path + "/single")
        options.formats = [.xml]
        let single = try await ScanPipeline(options: options).run()
        let path = single.runPath + "/report.xml"
        let report = try String(contentsOfFile: path, encoding: .utf8)
        try report.replacingOccurrences(of: "hostname=\"web03\"", with: "hostname=\"aaa\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        options.outDirectory = folder.path + "/merged"
        do {
            _ = try await ShardMerge(shards: [single.runPath], options: options).run()
            Issue.record("a shard with unsorted hosts was merged")
        } catch ScanFailure.unusableInput(let problems) {
            #expect(problems.map(\.description).joined().contains("lists host aaa out of order"))
        }
    }

    @Test func aMergeIntoAFolderAnotherRunIsWritingIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = Self.sampleScan(into: folder.path + "/single")
        options.formats = [.xml]
        let single = try await ScanPipeline(options: options).run()
        options.outDirectory = folder.path + "/merged"
        let held = try await OutputLock.acquire(outDirectory: options.outDirectory, wait: false) { _ in }
        do {
            _ = try await ShardMerge(shards: [single.runPath], options: options).run()
            Issue.record("the merge wrote while the folder was locked")
        } catch ScanFailure.busy(let message) {
            #expect(message.contains("is writing to \(options.outDirectory)"))
        }
        withExtendedLifetime(held) {}
        #expect(FileManager.default.fileExists(atPath: folder.path + "/merged/latest") == false)
    }
}
