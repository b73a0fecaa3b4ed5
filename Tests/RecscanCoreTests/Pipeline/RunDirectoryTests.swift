import Foundation
import Testing

@testable import RecscanCore

/// The run folder's life: temporary folders of dead runs are cleared and nothing else, and a
/// run that cannot be made `latest` is taken back out of sight.
@Suite("Run folders")
struct RunDirectoryTests {
    /// A pid that is certainly not running: a child that has exited.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func staleTemporariesOfDeadOrOldRunsAreRemovedAndNothingElse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let dead = try Self.deadPID()
        let live = getppid()
        for name in [
            "20261129T000000Z/report.xml", ".20261129T000000Z-2.tmp-\(dead)/report.xml",
            ".20261129T000000Z-3.tmp-\(live)/report.xml", ".20261129T000000Z-4.tmp-\(live)/report.xml",
            ".tmp-notapid/x", "notes.tmp-\(dead)/x",
        ] {
            try folder.write(name, "x")
        }
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/.latest.tmp-\(dead)", withDestinationPath: "x")
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/latest", withDestinationPath: "20261129T000000Z")
        // A live pid's folder is kept unless it is over a day old (the pid may have been reused).
        let old = timespec(tv_sec: time(nil) - 2 * 86_400, tv_nsec: 0)
        var times = [old, old]
        _ = utimensat(AT_FDCWD, folder.path + "/.20261129T000000Z-4.tmp-\(live)", &times, 0)

        let removed = RunDirectory.removeStaleTemporaries(in: folder.path)
        #expect(removed.count == 3, "\(removed)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(
            left == [
                ".20261129T000000Z-3.tmp-\(live)", ".tmp-notapid", "20261129T000000Z", "latest", "notes.tmp-\(dead)",
            ])
    }

    @Test func aRunThatCannotBecomeLatestIsTakenBackOutOfSight() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("latest/blocker", "a folder where the link should be")
        let run = try RunDirectory(outDirectory: folder.path, preferredID: "20261129T000000Z")
        try folder.write("\((run.temporaryPath as NSString).lastPathComponent)/report.xml", "<report/>")
        #expect(throws: OutputError.self) { try run.commit() }
        let visible = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(visible == ["latest"])
        #expect(FileManager.default.fileExists(atPath: run.temporaryPath + "/report.xml"))
        run.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["latest"])
    }
}
