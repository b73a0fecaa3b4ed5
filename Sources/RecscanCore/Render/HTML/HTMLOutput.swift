import Foundation

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
    static func write(_ text: String, to path: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
            throw HTMLWriteError(path: path, message: describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return "\(nsError.localizedDescription) (\(underlying.localizedDescription))"
        }
        return nsError.localizedDescription
    }
}
