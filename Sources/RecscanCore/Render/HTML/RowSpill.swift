#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rendered table rows kept in a scratch file until the page that lists them is written: rows
/// made ahead of their page (the dashboard's, one or more per rule) grew with the rules a fleet
/// needs when they waited in memory. Only a ``Span`` per row stays in memory.
///
/// Only the writer that appends may use it: copies share the scratch file.
struct RowSpill: Sendable {
    /// Where one row's bytes are in the scratch file.
    struct Span: Sendable, Equatable {
        var offset: Int
        var count: Int
    }

    private var file: ScratchFile
    /// Bytes kept in memory before they are written.
    private static let batchBytes = 256 << 10

    init(path: String) { file = ScratchFile(path: path) }

    /// The scratch file, inside the run folder; ``remove()`` deletes it before the folder is done.
    var path: String { file.path }

    /// Appends one row's bytes and tells where they are.
    mutating func append(_ bytes: [UInt8]) throws -> Span {
        let span = Span(offset: file.flushed + file.pending.count, count: bytes.count)
        file.append(bytes)
        if file.pending.count >= Self.batchBytes { try file.flush() }
        return span
    }

    /// Appends the bytes of `spans`, one after another, to `file`, a batch at a time.
    func write(_ spans: [Span], to file: ReportFile) throws {
        var batch: [UInt8] = []
        batch.reserveCapacity(Self.batchBytes)
        for span in spans {
            try append(span, to: &batch)
            if batch.count >= Self.batchBytes / 4 {
                try file.append(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try file.append(batch)
    }

    /// Appends the bytes of `span` to `bytes`.
    private func append(_ span: Span, to bytes: inout [UInt8]) throws {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: span.count))
        try read(span, into: &bytes, at: start)
    }

    /// Copies the bytes of `span` into `bytes` from position `start` on, which must have room.
    private func read(_ span: Span, into bytes: inout [UInt8], at start: Int) throws {
        if span.offset >= file.flushed {
            let from = span.offset - file.flushed
            bytes.replaceSubrange(start..<start + span.count, with: file.pending[from..<from + span.count])
            return
        }
        let descriptor = file.descriptor
        let failure: String? = bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            var done = 0
            while done < span.count {
                let count = pread(descriptor, base + start + done, span.count - done, off_t(span.offset + done))
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return count == 0 ? "the scratch file ends early" : HTMLOutput.errorText() }
                done += count
            }
            return nil
        }
        if let failure { throw HTMLWriteError(path: path, message: failure) }
    }

    /// Closes and deletes the scratch file.
    mutating func remove() { file.remove() }
}
