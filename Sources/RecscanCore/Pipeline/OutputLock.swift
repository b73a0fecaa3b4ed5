import Foundation

/// Keeps two runs from writing into the same output folder at once: an exclusive `flock` on
/// `<out>/.recscan.lock`, which the kernel releases when the process ends, however it ends (a
/// run killed with SIGKILL never leaves a stale lock). The file holds the holder's pid, for
/// the message of a run that finds the folder busy. It is never removed: removing a lock file
/// would let two runs lock two different files.
public final class OutputLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock of `outDirectory`, creating the folder if needed.
    /// - Parameters:
    ///   - wait: wait for the run that holds the lock to finish, instead of refusing.
    ///   - log: receives one line when waiting starts.
    /// - Throws: `ScanFailure.busy` when another run holds the lock and `wait` is false,
    ///   `ScanFailure.output` when the folder or the lock file cannot be created, and
    ///   `CancellationError` when the task is cancelled while waiting.
    public static func acquire(
        outDirectory: String, wait: Bool, log: @Sendable (String) -> Void
    ) async throws -> OutputLock {
        do {
            try OutputFolder.create(outDirectory)
        } catch {
            throw ScanFailure.output(error)
        }
        let path = (outDirectory as NSString).appendingPathComponent(".recscan.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ScanFailure.output(
                OutputError(path: path, message: "cannot be created: \(String(cString: strerror(errno)))"))
        }
        let lock = OutputLock(path: path, descriptor: descriptor)
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw ScanFailure.output(
                    OutputError(path: path, message: "cannot be locked: \(String(cString: strerror(errno)))"))
            }
            let holder = lock.holder.map { "run (pid \($0))" } ?? "run"
            guard wait else {
                throw ScanFailure.busy(
                    "another recscan \(holder) is writing to \(outDirectory); nothing was written."
                        + " Try again when it has finished, or pass --wait to wait for it")
            }
            if !announced {
                log("waiting for the recscan \(holder) writing to \(outDirectory) to finish")
                announced = true
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return lock
    }

    /// The pid written by the run that holds the lock, when it can be read.
    private var holder: Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingWhitespace)
    }
}
