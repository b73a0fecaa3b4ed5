import Foundation

/// An XML file handed to libxml2 chunk by chunk, each chunk only after ``XMLInputGuard`` has
/// passed it. Only regular files are read (a FIFO or a device would block or never end), and
/// never more than the size limit.
final class GuardedXMLFile {
    private let descriptor: Int32
    private let name: String
    private var guardState: XMLInputGuard
    private var head: [UInt8]
    private var headServed = 0
    /// Why reading stopped, once it has.
    private(set) var failure: InputError?

    /// Opens `path` and decides its encoding.
    /// - Throws: `InputError` when the file cannot be opened, is not a regular file, is over the
    ///   policy's size limit or is in an encoding the guard cannot follow.
    init(path: String, name: String, policy: XMLInputPolicy) throws {
        self.name = name
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        self.descriptor = descriptor
        guard descriptor >= 0 else {
            throw InputError(file: name, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw InputError(file: name, message: "is not a regular file")
        }
        guard policy.admitsFile(ofBytes: Int(info.st_size)) else {
            close(descriptor)
            throw policy.error(.fileTooLarge(bytes: Int(info.st_size)), file: name)
        }
        var head = [UInt8](repeating: 0, count: 1024)
        let count = head.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
        head.removeLast(head.count - max(0, count))
        self.head = head
        do {
            guardState = try XMLInputGuard(policy: policy, head: head)
        } catch let stop as XMLInputGuard.Stop {
            close(descriptor)
            throw InputError(file: name, line: 1, column: 1, message: stop.message)
        }
    }

    deinit { close(descriptor) }

    /// Fills `buffer` with the next checked bytes: their count, 0 at the end, -1 when reading
    /// stopped (see ``failure``).
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard failure == nil, let base = buffer.baseAddress, buffer.count > 0 else { return failure == nil ? 0 : -1 }
        var count: Int
        if headServed < head.count {
            count = min(buffer.count, head.count - headServed)
            head.withUnsafeBytes { raw in
                if let source = raw.baseAddress { base.copyMemory(from: source + headServed, byteCount: count) }
            }
            headServed += count
        } else {
            repeat { count = Foundation.read(descriptor, base, buffer.count) } while count < 0 && errno == EINTR
            if count < 0 {
                failure = InputError(file: name, message: "cannot be read: \(String(cString: strerror(errno)))")
                return -1
            }
        }
        do {
            try guardState.feed(UnsafeRawBufferPointer(start: base, count: count))
        } catch let stop as XMLInputGuard.Stop {
            failure = positioned(stop)
            return -1
        } catch {
            failure = InputError(file: name, message: "\(error)")
            return -1
        }
        return count
    }

    /// The stop with its line and column, counted by reading the file again up to it.
    private func positioned(_ stop: XMLInputGuard.Stop) -> InputError {
        var position = TextPosition(utf16: guardState.utf16)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var done = 0
        while done < stop.offset {
            let wanted = min(chunk.count, stop.offset - done)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(done)) }
            guard count > 0 else { break }
            position.advance(over: chunk.prefix(count))
            done += count
        }
        return InputError(file: name, line: position.line, column: position.column, message: stop.message)
    }
}
