import Foundation

/// What a path names, before anything opens it: a FIFO would block a read and a device never
/// end, so a file named on the command line is opened only when it is a regular file.
enum FileStatus {
    case regular(size: Int64)
    case folder
    /// A FIFO, device or socket.
    case special
    /// It cannot be looked at: the reason, phrased to follow the path.
    case unusable(String)

    /// Follows symbolic links, as opening the path would.
    init(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = .unusable(errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))")
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular(size: Int64(info.st_size))
        case S_IFDIR: self = .folder
        default: self = .special
        }
    }

    /// The problem of a path that is not a regular file.
    static let notRegular = "is not a regular file (a FIFO, device or socket is never read)"
}
