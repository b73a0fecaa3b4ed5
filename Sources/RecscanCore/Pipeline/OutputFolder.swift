import Foundation

/// Creates an output folder and its missing parents with `mkdir`, so that a failure names the
/// system's own cause ("No such file or directory", "Permission denied") for the component that
/// failed, not Foundation's "The operation could not be completed".
enum OutputFolder {
    static func create(_ path: String) throws(OutputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(path: path, message: "is a file, not a folder") }
            return
        }
        if let parent = parent(of: path) { try create(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw OutputError(path: path, message: "cannot be created: \(String(cString: strerror(errno)))")
        }
    }

    /// The folder holding `path`, `nil` for a name without one. (Foundation's
    /// `deletingLastPathComponent` traps on a one-character relative name in Swift 6.3.)
    static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? nil : String(parent)
    }
}
