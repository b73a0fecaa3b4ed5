#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of the run folder that a format writes from start to end, such as `report.json`:
/// what is appended is gathered in memory and written to the file a quarter of a mebibyte at a
/// time, so that a fleet of thousands of hosts costs a few hundred `write` calls, not one per
/// host, and the four such files of a default run hold little memory each.
///
/// Errors name the file (`HTMLWriteError`, which the run turns into exit 73 like every other
/// output error). The descriptor is closed by `close()`, or when the writer goes away after a
/// failure.
final class ReportFile {
    /// Appended bytes are gathered to about this many before each write to the file.
    static let batchBytes = 1 << 18

    /// The file's path, as errors name it.
    let path: String
    private var descriptor: Int32
    private var pending: [UInt8] = []

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw HTMLWriteError(path: path, message: HTMLOutput.errorText()) }
        pending.reserveCapacity(Self.batchBytes + Self.batchBytes / 4)
    }

    deinit {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
    }

    /// Appends `bytes`, writing to the file once a batch is full.
    func append(_ bytes: [UInt8]) throws {
        pending += bytes
        if pending.count >= Self.batchBytes { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    func append(_ text: String) throws { try append(Array(text.utf8)) }

    /// Writes what is left and closes the file.
    func close() throws {
        try flush()
        let closing = descriptor
        descriptor = -1
        guard closeDescriptor(closing) == 0 else { throw HTMLWriteError(path: path, message: HTMLOutput.errorText()) }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        guard descriptor >= 0 else { throw HTMLWriteError(path: path, message: "written to after it was closed") }
        try HTMLOutput.writeAll(pending, to: descriptor, path: path)
        pending.removeAll(keepingCapacity: true)
    }
}

/// `close(2)`, which the method of the same name hides inside `ReportFile`.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(descriptor)
    #else
    Darwin.close(descriptor)
    #endif
}
