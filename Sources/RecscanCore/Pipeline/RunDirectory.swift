import Foundation

/// A run folder that becomes visible only when complete: it is built under a hidden temporary
/// name and renamed into place, then `latest` is switched to it atomically.
public struct RunDirectory: Sendable {
    /// The folder that holds the run folders and `latest`.
    public let outDirectory: String
    /// The run's identifier, the name of its final folder.
    public let runID: String
    /// Where files are written while the run is in progress.
    public let temporaryPath: String
    /// Whether the run is flushed to disk before and after it is renamed into place.
    public var durable = true

    /// Prepares a temporary folder for a run named after `preferredID` (suffixed `-2`, `-3`...
    /// when a run of that name already exists).
    public init(outDirectory: String, preferredID: String) throws {
        let manager = FileManager.default
        try OutputFolder.create(outDirectory)
        var runID = preferredID
        var suffix = 2
        while manager.fileExists(atPath: (outDirectory as NSString).appendingPathComponent(runID)) {
            runID = "\(preferredID)-\(suffix)"
            suffix += 1
        }
        self.outDirectory = outDirectory
        self.runID = runID
        temporaryPath = (outDirectory as NSString).appendingPathComponent(
            ".\(runID).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(atPath: temporaryPath)
        do {
            try manager.createDirectory(atPath: temporaryPath, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: temporaryPath, message: "cannot be created: \(Self.cause(of: error))")
        }
    }

    /// The system's message for a failed file operation, else Foundation's.
    static func cause(of error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return error.localizedDescription
    }

    /// The final location of the run.
    public var finalPath: String { (outDirectory as NSString).appendingPathComponent(runID) }

    /// Renames the finished run into place and points `latest` at it.
    ///
    /// The new `latest` link is made first (under a temporary name), so that the only steps
    /// after the run becomes visible are two renames, which need no space. A kill between them
    /// leaves the complete run folder with `latest` still naming the previous run. The run is on
    /// disk before it is renamed, and the renames are before this returns (see ``Durability``).
    public func commit() throws {
        if durable { try Durability.flush(folder: temporaryPath) }
        let latest = (outDirectory as NSString).appendingPathComponent("latest")
        let staging = (outDirectory as NSString).appendingPathComponent(
            ".latest.tmp-\(ProcessInfo.processInfo.processIdentifier)")
        unlink(staging)
        guard symlink(runID, staging) == 0 else {
            throw OutputError(path: latest, message: "cannot be updated: \(String(cString: strerror(errno)))")
        }
        guard rename(temporaryPath, finalPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(staging)
            throw OutputError(path: finalPath, message: "cannot be renamed into place: \(reason)")
        }
        guard rename(staging, latest) == 0 else {
            let reason = String(cString: strerror(errno))
            // Take the run back out of sight, so that a failed run leaves nothing visible.
            _ = rename(finalPath, temporaryPath)
            unlink(staging)
            throw OutputError(path: latest, message: "cannot be updated: \(reason)")
        }
        if durable { try Durability.sync(outDirectory) }
    }

    /// Builds a run with `body` (its files written back to disk meanwhile when durable, see
    /// ``BackgroundWriteback``), then renames it into place; on any error the temporary folder
    /// goes, and an output error becomes `ScanFailure.output`.
    public func build<Result>(_ body: (RunDirectory) async throws -> Result) async throws -> Result {
        do {
            let result = try await BackgroundWriteback.during(temporaryPath, enabled: durable) { try await body(self) }
            try Task.checkCancellation()
            try commit()
            return result
        } catch let error as OutputError {
            discard()
            throw ScanFailure.output(error)
        } catch let error as HTMLWriteError {
            discard()
            throw ScanFailure.output(OutputError(path: error.path, message: error.message))
        } catch {
            discard()
            throw error
        }
    }

    /// Removes the temporary folder of a run that failed.
    public func discard() {
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    /// Removes what interrupted runs left in `outDirectory`: hidden `.<name>.tmp-<pid>` folders
    /// and links whose process is gone, or that are over a day old. Complete runs and `latest`
    /// never match that pattern. Call it only while holding the folder's ``OutputLock``.
    /// - Returns: one line per entry removed, for the log.
    public static func removeStaleTemporaries(in outDirectory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outDirectory)) ?? []
        var removed: [String] = []
        for name in names.sorted() {
            guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards),
                let pid = Int32(name[marker.upperBound...]), pid > 0
            else { continue }
            let path = (outDirectory as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let age = time(nil) - info.st_mtim.tv_sec
            let alive = pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM)
            guard !alive || age > 86_400 else { continue }
            do {
                try FileManager.default.removeItem(atPath: path)
                removed.append("removed \(path), left by an interrupted run (pid \(pid))")
            } catch {
                removed.append("could not remove \(path), left by an interrupted run: \(error.localizedDescription)")
            }
        }
        return removed
    }

    /// `20261129T000000Z` for a reference time.
    public static func runID(referenceTime: Int64) -> String {
        Timestamps.iso8601(epochSeconds: referenceTime).replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: ":", with: "")
    }
}
