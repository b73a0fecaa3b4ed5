import Foundation
import Synchronization
import Testing

@testable import RecscanCore

@Suite("Keeping runs and flushing them")
struct RunRetentionTests {
    @Test func runNamesAreRecognizedAndNothingElse() {
        for name in ["20261129T000000Z", "20261129T000000Z-2", "20261129T000000Z-shard1of3"] {
            #expect(RunRetention.isRunName(name), "\(name)")
        }
        for name in ["latest", ".20261129T000000Z.tmp-12", "20261129T000000Z-", "2026112T000000Z", "notes"] {
            #expect(!RunRetention.isRunName(name), "\(name)")
        }
    }

    @Test func keepLeavesTheNewestRunsAndLatestAndNothingElseIsTouched() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var options = ShardMergeTests.sampleScan(into: folder.path + "/out")
        options.formats = [.xml]
        options.keepRuns = 2
        try FileManager.default.createDirectory(atPath: folder.path + "/out/notes", withIntermediateDirectories: true)
        var ids: [String] = []
        for _ in 0..<4 { ids.append(try await ScanPipeline(options: options).run().runID) }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").filter {
            !$0.hasPrefix(".")
        }
        #expect(left.sorted() == (["latest", "notes"] + ids.suffix(2)).sorted())
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/out/latest")
        #expect(latest == ids.last)
    }

    @Test func aFlushedRunIsTheSameRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("run/report.xml", "<report/>")
        try Durability.flush(folder: folder.path + "/run")
        try Durability.sync(folder.path)
        #expect(FileManager.default.contents(atPath: folder.path + "/run/report.xml") == Data("<report/>".utf8))
    }
}

@Suite("Writing a run back to disk while it is written")
struct BackgroundWritebackTests {
    /// Counts the flushes a writeback makes.
    final class Flushes: Sendable {
        let count = Mutex(0)
        func add(_: Int32) { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    @Test(.timeLimit(.minutes(1)))
    func flushesWhileTheBodyRunsAndNeverAfter() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let flushes = Flushes()
        let writeback = try #require(
            BackgroundWriteback(folder: folder.path, every: .milliseconds(2), flush: flushes.add))
        while flushes.value < 3 { try await Task.sleep(for: .milliseconds(2)) }
        writeback.stop()
        let stopped = flushes.value
        try await Task.sleep(for: .milliseconds(30))
        #expect(flushes.value == stopped)
    }

    @Test func aRunWithoutAFolderIsNotWrittenBack() {
        #expect(BackgroundWriteback(folder: "/nonexistent-\(UUID().uuidString)", flush: { _ in }) == nil)
    }

    @Test func theBodysResultAndErrorPassThrough() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(await BackgroundWriteback.during(folder.path, enabled: true) { 42 } == 42)
        await #expect(throws: CancellationError.self) {
            try await BackgroundWriteback.during(folder.path, enabled: true) { throw CancellationError() }
        }
    }
}
