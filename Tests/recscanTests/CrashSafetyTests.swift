import Foundation
import Testing

/// Scheduled runs get killed, overlap and fill disks: the built binary, on a workload big enough
/// to be caught mid-run, must leave `latest` and every earlier run untouched and no half-written
/// run visible, whatever happens.
@Suite("Crash safety, end to end", .serialized)
struct CrashSafetyTests {
    /// A running or finished `recscan`.
    final class Run {
        let process = Process()
        private let out = Pipe()
        private let err = Pipe()

        init(_ arguments: [String], in directory: String, epoch: Int = 1_795_910_400, shell: String? = nil) throws {
            if let shell {
                // A shell line around the binary (for `ulimit`); "$@" are the arguments.
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", shell + " \"$0\" \"$@\"", CrashSafetyTests.binary.path] + arguments
            } else {
                process.executableURL = CrashSafetyTests.binary
                process.arguments = arguments
            }
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = ["SOURCE_DATE_EPOCH": "\(epoch)", "PATH": "/usr/bin:/bin"]
            process.standardOutput = out
            process.standardError = err
            try process.run()
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the end; the exit status (or 128 + the signal that ended it), stdout, stderr.
        func finish() -> (status: Int32, stdout: String, stderr: String) {
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let status =
                process.terminationReason == .uncaughtSignal
                ? 128 + process.terminationStatus : process.terminationStatus
            return (status, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
        }
    }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("recscan")
    }

    /// A temporary folder with `in/`: `hosts` inventories of `packages` packages each.
    static func workload(hosts: Int, packages: Int) throws -> String {
        let work = NSTemporaryDirectory() + "recscan-crash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work + "/in", withIntermediateDirectories: true)
        for host in 0..<hosts {
            var xml = "<inventory xmlns=\"urn:recscan:inventory:1\"><host hostname=\"h\(host)\""
            xml += " collected=\"2026-11-28T00:00:00Z\"><os family=\"linux\" name=\"debian\" version=\"12\"/>\n"
            for package in 0..<packages {
                xml += "<package ecosystem=\"deb\" name=\"pkg\(package)\" version=\"1.\(package)-\(host)\"/>\n"
            }
            xml += "<package ecosystem=\"deb\" name=\"openssl\" version=\"1.0.1e-2\"/></host></inventory>\n"
            try Data(xml.utf8).write(to: URL(fileURLWithPath: work + "/in/h\(host).xml"))
        }
        return work
    }

    /// Every visible entry of the output folder, and the hidden ones apart.
    static func entries(_ out: String) -> (visible: [String], hidden: [String]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).sorted()
        return (names.filter { !$0.hasPrefix(".") }, names.filter { $0.hasPrefix(".") })
    }

    /// Checks that every visible run folder is complete and `latest` names one of them.
    static func expectOnlyCompleteRuns(_ out: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for name in entries(out).visible where name != "latest" {
            let report = out + "/" + name + "/report.xml"
            let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
            #expect(
                text.hasSuffix("</report>\n"), "\(name) is visible but not complete", sourceLocation: sourceLocation)
            #expect(
                FileManager.default.fileExists(atPath: out + "/" + name + "/index.html"), sourceLocation: sourceLocation
            )
        }
    }

    /// Waits until a run has started writing into `out` (its hidden temporary folder exists):
    /// signalling then catches it mid-run however fast the machine is.
    static func waitUntilWriting(_ out: String, run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        let deadline = Date().addingTimeInterval(30)
        let marker = ".tmp-\(run.process.processIdentifier)"
        while Date() < deadline, run.process.isRunning {
            if entries(out).hidden.contains(where: { $0.hasSuffix(marker) && !$0.hasPrefix(".latest") }) { return }
            Thread.sleep(forTimeInterval: 0.002)
        }
        Issue.record("the run never started writing into \(out)", sourceLocation: sourceLocation)
    }

    static func latest(_ out: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: out + "/latest")
    }

    static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            if relative == ".recscan.lock" { continue }
            files[relative] = FileManager.default.contents(atPath: folder + "/" + relative)
        }
        return files
    }

    @Test func sigkillAtAnyMomentLeavesEarlierRunsAndLatestAlone() throws {
        let work = try Self.workload(hosts: 250, packages: 250)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let first = try Run(["scan", "--inventories", "in", "--out", "out", "--jobs", "2"], in: work).finish()
        #expect(first.status == 0, "\(first.stderr)")
        let out = work + "/out"
        let baseline = try #require(Self.latest(out))
        let before = Self.snapshot(out + "/" + baseline)
        var completed = Set([baseline])
        // Kills land before the run writes anything, then at moments after it started writing.
        for (index, delay) in [-1, 0, 0.01, 0.03, 0.08, 0.15, 0.3].enumerated() {
            let run = try Run(
                ["scan", "--inventories", "in", "--out", "out", "--jobs", "2"], in: work,
                epoch: 1_795_910_400 + 60 * (index + 1))
            if delay < 0 {
                Thread.sleep(forTimeInterval: 0.02)
            } else {
                Self.waitUntilWriting(out, run: run)
                Thread.sleep(forTimeInterval: delay)
            }
            run.signal(SIGKILL)
            let result = run.finish()
            let current = try #require(Self.latest(out))
            if result.status == 0 { completed.insert(current) }
            #expect(result.status == 128 + SIGKILL || result.status == 0)
            #expect(completed.contains(current), "latest names \(current), which never completed")
            Self.expectOnlyCompleteRuns(out)
            #expect(Self.snapshot(out + "/" + baseline) == before, "the earlier run changed after a kill at \(delay)s")
        }
        // The next run clears what the killed ones left, and only that.
        let next = try Run(["scan", "--inventories", "in", "--out", "out"], in: work, epoch: 1_795_999_999).finish()
        #expect(next.status == 0, "\(next.stderr)")
        #expect(Self.entries(out).hidden == [".recscan.lock"], "\(Self.entries(out).hidden)")
        #expect(Self.snapshot(out + "/" + baseline) == before)
        Self.expectOnlyCompleteRuns(out)
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func signalsStopCleanly(signal: Int32, status: Int32, name: String) throws {
        let work = try Self.workload(hosts: 600, packages: 250)
        defer { try? FileManager.default.removeItem(atPath: work) }
        #expect(try Run(["scan", "--inventories", "in", "--out", "out"], in: work).finish().status == 0)
        let out = work + "/out"
        let baseline = Self.latest(out)
        let run = try Run(
            ["scan", "--inventories", "in", "--out", "out", "--jobs", "1"], in: work, epoch: 1_795_990_000)
        Self.waitUntilWriting(out, run: run)
        run.signal(signal)
        let result = run.finish()
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains("stopped by \(name); no run was written, out/latest is unchanged"))
        #expect(Self.latest(out) == baseline)
        #expect(Self.entries(out).hidden == [".recscan.lock"])
        #expect(Self.entries(out).visible.count == 2)
    }

    @Test func aSecondRunOnTheSameFolderRefusesOrWaits() throws {
        let work = try Self.workload(hosts: 20, packages: 10)
        defer { try? FileManager.default.removeItem(atPath: work) }
        // This test holds the folder's lock as a running scan would, for as long as it likes.
        let out = work + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let lock = open(out + "/.recscan.lock", O_RDWR | O_CREAT, 0o644)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(lock, $0.baseAddress, $0.count, 0) }
        let refused = try Run(["scan", "--inventories", "in", "--out", "out"], in: work).finish()
        #expect(refused.status == 75)
        #expect(refused.stderr.contains("another recscan run (pid \(getpid())) is writing to out"), "\(refused.stderr)")
        let waiting = try Run(["scan", "--inventories", "in", "--out", "out", "--wait"], in: work)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(waiting.process.isRunning, "a --wait run went on while the folder was locked")
        close(lock)
        let waited = waiting.finish()
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.stderr.contains("waiting for the recscan run (pid \(getpid()))"))
        #expect(Self.entries(out).visible == ["20261129T000000Z", "latest"])
    }

    @Test func aFileSizeLimitHitMidRunIsExit73AndLeavesNothing() throws {
        // RLIMIT_FSIZE makes every write past 256 KiB fail (EFBIG), like a full disk, without root.
        let work = try Self.workload(hosts: 400, packages: 10)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = try Run(
            ["scan", "--inventories", "in", "--out", "out"], in: work, shell: "trap '' XFSZ; ulimit -f 512; exec"
        ).finish()
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("recscan: "))
        #expect(Self.entries(work + "/out").visible.isEmpty)
        #expect(Self.entries(work + "/out").hidden == [".recscan.lock"])
    }

    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = NSTemporaryDirectory() + "recscan-mount-probe-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]
        guard (try? mount.run()) != nil else { return false }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { return false }
        _ = umount2(probe, 0)
        return true
    }()

    @Test(.enabled(if: canMount, "needs root and mount (CI runs as root)"))
    func aFullDiskIsExit73AndLeavesLatestAlone() throws {
        let work = try Self.workload(hosts: 400, packages: 10)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let disk = work + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk]
        try mount.run()
        mount.waitUntilExit()
        defer { _ = umount2(disk, 0) }
        try FileManager.default.createDirectory(atPath: work + "/small", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: work + "/in/h1.xml", toPath: work + "/small/h1.xml")
        let fits = try Run(["scan", "--inventories", "small", "--out", "disk/out", "--format", "xml"], in: work)
            .finish()
        #expect(fits.status == 0, "\(fits.stderr)")
        let baseline = Self.snapshot(disk + "/out")
        let full = try Run(["scan", "--inventories", "in", "--out", "disk/out"], in: work, epoch: 1_795_990_000)
            .finish()
        #expect(full.status == 73, "\(full.stderr)")
        #expect(full.stderr.contains("recscan: "), "\(full.stderr)")
        #expect(Self.snapshot(disk + "/out") == baseline)
        #expect(Self.entries(disk + "/out").hidden == [".recscan.lock"])
    }
}
