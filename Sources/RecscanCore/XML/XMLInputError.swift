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

/// Bounds that keep a hostile input from exhausting time or memory. Every reader applies them;
/// `recscan scan` sets them with `--max-file-size`, `--max-depth`, `--max-attribute-size` and
/// `--max-attributes`.
public struct InputLimits: Sendable, Equatable {
    /// Largest input file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest element (XML) or array and object (JSON) nesting accepted.
    public var maxDepth: Int
    /// Longest attribute value (XML) or string (JSON), in bytes.
    public var maxAttributeBytes: Int
    /// Most attributes, namespace declarations included, on one XML element.
    public var maxAttributes: Int

    /// Creates limits; the defaults are 256 MiB per file, 64 levels of nesting, 1 MiB per
    /// attribute value or JSON string and 64 attributes per element.
    public init(
        maxFileBytes: Int = 256 << 20, maxDepth: Int = 64, maxAttributeBytes: Int = 1 << 20, maxAttributes: Int = 64
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAttributeBytes = maxAttributeBytes
        self.maxAttributes = maxAttributes
    }

    /// The limits a scan uses unless told otherwise.
    public static let standard = InputLimits()
}
