import Foundation

/// A whole XML file read into memory for ``PlainXMLScanner``, when it is a regular file of at
/// most ``largest`` bytes and the policy's size limit. Anything else (a FIFO, a larger file, a
/// file that cannot be read or changes size while read) gives `nil`, and the file is streamed
/// through libxml2, which reports what is wrong.
enum PlainXMLFile {
    /// Larger files are streamed, so memory stays bounded whatever the file.
    static let largest = 8 << 20

    static func bytes(path: String, policy: XMLInputPolicy) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size <= largest, policy.admitsFile(ofBytes: size) else { return nil }
        // One byte more than the size, to see the end where it was.
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            while initialized <= size {
                let count = read(descriptor, base + initialized, size + 1 - initialized)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    complete = count == 0 && initialized == size
                    return
                }
                initialized += count
            }
        }
        return complete ? bytes : nil
    }
}
