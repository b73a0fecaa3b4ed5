#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scratch file in the run folder that a writer appends to a batch at a time: appended bytes
/// wait in `pending` until ``flush()``, and the file is created by the first flush, so that a
/// run whose rows fit in one batch makes no file. What waits follows the `flushed` bytes of the
/// file. ``RuleRowStore`` and ``RowSpill`` keep their rows in one.
///
/// Only the writer that appends may use it: copies share the file.
struct ScratchFile: Sendable {
    /// The file, inside the run folder; ``remove()`` deletes it before the folder is done.
    let path: String
    /// Open for reading and writing once the first batch is written; -1 until then.
    private(set) var descriptor: Int32 = -1
    /// Bytes not written yet.
    private(set) var pending: [UInt8] = []
    /// Bytes written to the file so far.
    private(set) var flushed = 0

    init(path: String) { self.path = path }

    /// Appends `bytes` to what waits for the next flush.
    mutating func append(_ bytes: UnsafeRawBufferPointer) { pending.append(contentsOf: bytes) }

    /// Appends `bytes` to what waits for the next flush.
    mutating func append(_ bytes: [UInt8]) { pending += bytes }

    /// Writes what waits to the file, creating it on first use.
    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        if descriptor < 0 {
            descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw HTMLWriteError(path: path, message: HTMLOutput.errorText()) }
        }
        try HTMLOutput.writeAll(pending, to: descriptor, path: path)
        flushed += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    /// Closes and deletes the file.
    mutating func remove() {
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
        unlink(path)
    }
}
