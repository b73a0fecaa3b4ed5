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
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try create(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw OutputError(path: path, message: "cannot be created: \(String(cString: strerror(errno)))")
        }
    }
}
