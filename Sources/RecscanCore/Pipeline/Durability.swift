import Foundation

/// What makes a run survive a power loss: its files and folders reach the disk before it is
/// renamed into place, and the renames reach it before recscan says the run is done, so that
/// after a crash the output folder holds either the previous run or the new one, whole.
enum Durability {
    /// Flushes everything written under `folder`: the whole file system with one `syncfs`
    /// (one call instead of an `fsync` per file; a run writes thousands), else each file and
    /// folder with `fsync`.
    static func flush(folder: String) throws(OutputError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputError(path: folder, message: "cannot be opened to flush: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        if let syncfs = Self.syncfs, syncfs(descriptor) == 0 { return }
        for file in (FileManager.default.subpaths(atPath: folder) ?? []).sorted() {
            try sync((folder as NSString).appendingPathComponent(file))
        }
        try sync(folder)
    }

    /// glibc's `syncfs`, which its headers declare only under `_GNU_SOURCE`; `nil` elsewhere.
    static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// `fsync` of one file or folder.
    static func sync(_ path: String) throws(OutputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw OutputError(path: path, message: "cannot be flushed to disk: \(String(cString: strerror(errno)))")
        }
    }
}
