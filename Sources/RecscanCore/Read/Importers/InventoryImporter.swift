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

/// Reads a whole input file into memory after checking it against the size limit.
enum InputFile {
    static func bytes(path: String, displayName: String, limits: InputLimits) throws -> [UInt8] {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw InputError(file: displayName, message: "cannot be read: \(error.localizedDescription)")
        }
        guard size <= limits.maxFileBytes else {
            throw InputError(file: displayName, message: "is \(size) bytes, over the limit of \(limits.maxFileBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: displayName, message: "cannot be read")
        }
        guard data.count <= limits.maxFileBytes else {
            throw InputError(
                file: displayName, message: "is \(data.count) bytes, over the limit of \(limits.maxFileBytes)")
        }
        return [UInt8](data)
    }

    /// The lines of a text file with their numbers, line endings (LF or CRLF) and a BOM removed.
    static func lines(_ bytes: [UInt8]) -> [(number: Int, text: String)] {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        return body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map { index, line in
            (index + 1, String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self))
        }
    }
}

extension InventoryFileError {
    /// Wraps a problem of a file whose hosts are the given names.
    init(_ error: InputError, hosts: [HostInventory]) {
        self.init(error: error, hostnames: hosts.map(\.hostname))
    }
}
