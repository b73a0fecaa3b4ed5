import Foundation

/// `--keep N`: a nightly job that writes a run every night keeps the newest N complete runs of
/// its output folder, never the one `latest` names. Run only while holding the folder's
/// ``OutputLock``, after the new run is in place.
enum RunRetention {
    /// Removes the runs past the newest `keep`; one log line per run removed.
    static func prune(_ outDirectory: String, keep: Int) -> [String] {
        let latest =
            (try? FileManager.default.destinationOfSymbolicLink(
                atPath: (outDirectory as NSString).appendingPathComponent("latest")))
            .map { ($0 as NSString).lastPathComponent }
        let runs = completeRuns(in: outDirectory)
        var lines: [String] = []
        for run in runs.dropFirst(keep) where run.name != latest {
            let path = (outDirectory as NSString).appendingPathComponent(run.name)
            do {
                try FileManager.default.removeItem(atPath: path)
                lines.append("removed run \(run.name) (--keep \(keep))")
            } catch {
                lines.append("could not remove run \(run.name): \(RunDirectory.cause(of: error))")
            }
        }
        return lines
    }

    /// The run folders of `outDirectory`, newest first: by when they were completed (their
    /// folder's modification time), then by name. Hidden temporaries, `latest` and anything
    /// not named like a run are never touched.
    static func completeRuns(in outDirectory: String) -> [(name: String, modified: Int64)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outDirectory)) ?? []
        return names.filter(isRunName).compactMap { name -> (name: String, modified: Int64)? in
            var info = stat()
            let path = (outDirectory as NSString).appendingPathComponent(name)
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
            return (name, Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
        .sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
    }

    /// `20261129T000000Z`, optionally followed by `-` and a suffix (`-2`, `-shard1of3`).
    static func isRunName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count >= 16 else { return false }
        let digit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        let stamp =
            bytes[0..<8].allSatisfy(digit) && bytes[8] == UInt8(ascii: "T") && bytes[9..<15].allSatisfy(digit)
            && bytes[15] == UInt8(ascii: "Z")
        return stamp && (bytes.count == 16 || (bytes[16] == UInt8(ascii: "-") && bytes.count > 17))
    }
}
