internal import CSystemCalls
import Foundation

/// An append-only scratch file of host fragments, so that a run keeps only offsets in memory
/// and can still write hosts sorted by name at the end.
final class HostSpill {
    private let path: String
    private let handle: FileHandle
    private var length: UInt64 = 0

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forUpdatingAtPath: path)
        else { throw OutputError(path: path, message: "cannot create the file") }
        self.path = path
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// Appends bytes and returns where they are.
    func append(_ bytes: [UInt8]) throws -> Range<UInt64> {
        let start = length
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes)
        } catch {
            throw OutputError(path: path, message: "could not be written: \(error.localizedDescription)")
        }
        length += UInt64(bytes.count)
        return start..<length
    }

    /// The bytes at `range`.
    func read(_ range: Range<UInt64>) throws -> [UInt8] {
        do {
            try handle.seek(toOffset: range.lowerBound)
            guard let data = try handle.read(upToCount: Int(range.upperBound - range.lowerBound)),
                data.count == Int(range.upperBound - range.lowerBound)
            else { throw OutputError(path: path, message: "was cut short while the run was writing it") }
            return [UInt8](data)
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: path, message: "cannot be read back: \(error.localizedDescription)")
        }
    }

    /// A reader for the bytes written so far that several tasks may use at once. Writes go
    /// straight to the file (no user-space buffer), and another descriptor reads them from the
    /// page cache: no `fsync`, which would wait for the disk.
    func concurrentReader() throws -> SpillReader {
        try SpillReader(path: path)
    }

    /// Removes the scratch file.
    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Reads a spill file by offset with `pread`, which needs no shared file position and so is
/// safe from several tasks at once.
struct SpillReader: Sendable {
    private let path: String
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw OutputError(path: path, message: "cannot be read back") }
        self.path = path
    }

    func read(_ range: Range<UInt64>) throws -> [UInt8] {
        let count = Int(range.upperBound - range.lowerBound)
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                pread(
                    descriptor, buffer.baseAddress?.advanced(by: done), count - done,
                    off_t(range.lowerBound) + off_t(done))
            }
            guard read > 0 else { throw OutputError(path: path, message: "was cut short while the run was writing it") }
            done += read
        }
        return bytes
    }

    /// Writes the bytes at `ranges`, in order, as raw XML into `writer`, copied by the kernel
    /// when it can.
    func copy(_ ranges: [Range<UInt64>], into writer: XMLStreamWriter) throws {
        // Hosts stored in the order they are written follow each other in the scratch file.
        var pending: [Range<UInt64>] = []
        for range in ranges where !range.isEmpty {
            if let last = pending.last, last.upperBound == range.lowerBound {
                pending[pending.count - 1] = last.lowerBound..<range.upperBound
            } else {
                pending.append(range)
            }
        }
        guard !pending.isEmpty else { return }
        try writer.appendToFile { target, targetPath in
            for range in pending { try copy(range, to: target, targetPath: targetPath) }
        }
    }

    private func copy(_ range: Range<UInt64>, to target: Int32, targetPath: String) throws {
        var offset = Int64(range.lowerBound)
        let end = Int64(range.upperBound)
        while offset < end {
            let copied = recscan_copy_file_range(descriptor, &offset, target, Int(end - offset))
            if copied > 0 { continue }
            if copied < 0 && errno == EINTR { continue }
            if copied == 0 { throw OutputError(path: path, message: "was cut short while the run was writing it") }
            // Not supported between these files (another file system, an old kernel): by hand.
            let bytes = try read(UInt64(offset)..<UInt64(end))
            try bytes.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = write(target, buffer.baseAddress?.advanced(by: written), buffer.count - written)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else {
                        throw OutputError(path: targetPath, message: "could not be written completely")
                    }
                    written += count
                }
            }
            return
        }
    }

    func close() { _ = Glibc.close(descriptor) }
}
