import Foundation

/// Reads one inventory format into hosts. Each format is one small type behind this protocol,
/// registered in ``InventoryFormats``, so adding a format never touches another.
public protocol InventoryImporter {
    /// The format's name as `recscan validate` prints it, e.g. "CycloneDX JSON SBOM".
    static var formatName: String { get }

    /// Reads every host of the file.
    /// - Parameters:
    ///   - path: where the file is.
    ///   - displayName: the file as reports name it.
    ///   - limits: size and depth bounds for untrusted input.
    /// - Returns: the hosts, in the order the file names them.
    /// - Throws: `InventoryFileError` naming the first problem's position and the hosts seen before it.
    static func read(path: String, displayName: String, limits: InputLimits) throws -> [HostInventory]

    /// Reads every host of the file; a format may drop the packages `interest` does not want
    /// while reading (matching looks only at those it wants, whatever the reader keeps).
    static func read(path: String, displayName: String, limits: InputLimits, interest: PackageInterest?) throws
        -> [HostInventory]
}

extension InventoryImporter {
    /// Formats read whole keep every package: matching filters them anyway.
    public static func read(path: String, displayName: String, limits: InputLimits, interest: PackageInterest?)
        throws -> [HostInventory]
    {
        try read(path: path, displayName: displayName, limits: limits)
    }
}

/// The host name of a file that names no host: its file name without the extension, and
/// without an SBOM infix (`web01.cdx.json`, `web01.spdx.json` and `web01.bom.xml` are `web01`).
public enum HostNames {
    static let sbomInfixes: Set<String> = ["cdx", "bom", "sbom", "spdx"]

    /// The host a file that names none stands for.
    public static func fromFile(_ path: String) -> String {
        var name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let infix = (name as NSString).pathExtension.lowercased()
        if sbomInfixes.contains(infix), name.count > infix.count + 1 {
            name = (name as NSString).deletingPathExtension
        }
        return name
    }
}

/// Reads a whole input file into memory, bounded by the size limit.
enum InputFile {
    /// The file's bytes.
    /// - Throws: `InputError` when it cannot be read, is not a regular file (a FIFO or a device
    ///   would block or never end) or is over the size limit.
    static func bytes(path: String, displayName: String, limits: InputLimits) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw InputError(file: displayName, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw InputError(file: displayName, message: "is not a regular file")
        }
        guard Int(info.st_size) <= limits.maxFileBytes else {
            throw InputError(
                file: displayName, message: "is \(info.st_size) bytes, over the limit of \(limits.maxFileBytes)")
        }
        // The size stat gave, and one byte more to see the end, read straight into the array: a
        // fleet's files are read whole, and a chunk copied into the array cost a copy and a
        // zeroed 64 KiB per file.
        let size = Int(info.st_size)
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            while initialized <= size {
                let count = read(descriptor, base + initialized, size + 1 - initialized)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    if count < 0 { failure = errno }
                    return
                }
                initialized += count
            }
        }
        if let failure {
            throw InputError(file: displayName, message: "cannot be read: \(String(cString: strerror(failure)))")
        }
        guard bytes.count > size else { return bytes }
        // Read on to the end, not to the size stat gave: the file may have grown, or be a /proc file.
        guard bytes.count <= limits.maxFileBytes else {
            throw InputError(file: displayName, message: "is over the limit of \(limits.maxFileBytes) bytes")
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw InputError(file: displayName, message: "cannot be read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limits.maxFileBytes else {
                throw InputError(file: displayName, message: "is over the limit of \(limits.maxFileBytes) bytes")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The lines of a text file with their numbers, line endings (LF or CRLF) and a BOM removed,
    /// one at a time (a file of empty lines must not become an array of strings). With
    /// `trailingBlank`, one more empty line follows the last.
    static func lines(_ bytes: [UInt8], trailingBlank: Bool = false) -> TextLines {
        TextLines(bytes: bytes, trailingBlank: trailingBlank)
    }
}

/// The numbered lines of a text file, decoded as UTF-8 (invalid bytes become U+FFFD).
struct TextLines: Sequence, IteratorProtocol {
    let bytes: [UInt8]
    let trailingBlank: Bool
    private var position: Int
    private var number = 0
    private var finished = false

    init(bytes: [UInt8], trailingBlank: Bool) {
        self.bytes = bytes
        self.trailingBlank = trailingBlank
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    mutating func next() -> (number: Int, text: String)? {
        guard !finished else { return nil }
        number += 1
        guard position <= bytes.count else {
            finished = true
            return trailingBlank ? (number, "") : nil
        }
        let end = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
        var line = bytes[position..<end]
        if line.last == 0x0D { line = line.dropLast() }
        position = end + 1
        return (number, String(decoding: line, as: UTF8.self))
    }
}

extension InventoryFileError {
    /// Wraps a problem of a file whose hosts are the given names.
    init(_ error: InputError, hosts: [HostInventory]) {
        self.init(error: error, hostnames: hosts.map(\.hostname))
    }
}
