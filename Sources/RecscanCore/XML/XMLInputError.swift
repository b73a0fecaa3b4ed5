/// A problem with an input file, with the position where it was found.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as reports name it.
    public var file: String
    /// The line of the problem, when known.
    public var line: Int?
    /// The column of the problem, when known.
    public var column: Int?
    /// What is wrong, phrased to follow the file name, e.g. "is not well-formed XML".
    public var message: String

    /// Creates an error for `file`, at a position when known.
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

    /// Creates limits; the defaults are 256 MiB per file and 64 levels of nesting.
    public init(maxFileBytes: Int = 256 << 20, maxDepth: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
    }

    /// The limits a scan uses unless told otherwise.
    public static let standard = InputLimits()
}
