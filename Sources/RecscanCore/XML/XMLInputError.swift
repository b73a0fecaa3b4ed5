/// A problem with an input file, with the position where it was found.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, as compilers print it.
    public var description: String {
        var position = file
        if let line {
            position += ":\(line)"
            if let column { position += ":\(column)" }
        }
        return "\(position): \(message)"
    }
}

/// Bounds that keep a hostile input from exhausting time or memory.
public struct InputLimits: Sendable, Equatable {
    /// Largest input file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest element nesting accepted.
    public var maxDepth: Int

    public init(maxFileBytes: Int = 256 << 20, maxDepth: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
    }

    public static let standard = InputLimits()
}
