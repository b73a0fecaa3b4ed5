import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A page or folder of the HTML report could not be written.
public struct HTMLWriteError: Error, CustomStringConvertible, Sendable {
    /// The file or folder that could not be written.
    public var path: String
    /// What the file system said.
    public var message: String

    /// Creates the error for `path` with the underlying `message`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `cannot write <path>: <message>`.
    public var description: String { "cannot write \(path): \(message)" }
}

/// The only place the HTML renderer touches the file system.
enum HTMLOutput {
    /// `directory/component`, without doubling a trailing slash.
    static func path(_ directory: String, _ components: String...) -> String {
        var result = directory
        for component in components {
            if !result.isEmpty && !result.hasSuffix("/") { result += "/" }
            result += component
        }
        return result
    }

    /// Creates `path` (and missing parents) if it does not exist yet.
    static func makeDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw HTMLWriteError(path: path, message: describe(error))
        }
    }

    /// Writes `text` as UTF-8 to `path`, replacing any file there.
    static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }

    /// Writes `bytes` to `path`, replacing any file there, with as few `write` calls as the
    /// system allows (one for a page).
    ///
    /// Plain `open`/`write`, without the `fsync` Foundation does per file: a run is made durable
    /// and visible as a whole when its folder is renamed into place, and thousands of host pages
    /// each waiting for the disk would dominate the run.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw HTMLWriteError(path: path, message: errorText()) }
        do { try writeAll(bytes, to: descriptor, path: path) } catch {
            _ = close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw HTMLWriteError(path: path, message: errorText()) }
    }

    /// Writes all of `bytes` to an open file, retrying short and interrupted writes.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        let failure: String? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errorText()
                }
                offset += written
            }
            return nil
        }
        if let failure { throw HTMLWriteError(path: path, message: failure) }
    }

    /// Fills `buffer` from an open file, short only at the end of the file; returns the bytes read.
    static func readFull(into buffer: inout [UInt8], from descriptor: Int32, path: String) throws -> Int {
        let capacity = buffer.count
        let result: Result<Int, HTMLWriteError> = buffer.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return .success(0) }
            var filled = 0
            while filled < capacity {
                let count = read(descriptor, base + filled, capacity - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    return .failure(HTMLWriteError(path: path, message: errorText()))
                }
                if count == 0 { break }
                filled += count
            }
            return .success(filled)
        }
        return try result.get()
    }

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }

    /// The system's message for the current `errno`.
    static func errorText() -> String { String(cString: strerror(errno)) }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return "\(nsError.localizedDescription) (\(underlying.localizedDescription))"
        }
        return nsError.localizedDescription
    }
}
