import Foundation

/// An append-only scratch file of host records, so that a run keeps only offsets in memory
/// and can still hand hosts over sorted by name at the end.
final class RecordSpill {
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

    func close() { _ = Glibc.close(descriptor) }
}
