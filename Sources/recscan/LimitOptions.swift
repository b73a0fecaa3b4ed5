import ArgumentParser
import RecscanCore

/// The bounds on untrusted input, as options of `recscan scan`.
struct LimitOptions: ParsableArguments {
    @Option(
        name: .customLong("max-file-size"),
        help: "Largest input file read, in bytes, or with K, M or G.")
    var maxFileSize = "256M"
    @Option(name: .customLong("max-depth"), help: "Deepest nesting of XML elements or JSON values .")
    var maxDepth = InputLimits.standard.maxDepth
    @Option(
        name: .customLong("max-attribute-size"),
        help: "Longest XML attribute value or JSON string, in bytes, or with K, M or G.")
    var maxAttributeSize = "1M"
    @Option(name: .customLong("max-attributes"), help: "Most attributes on one XML element .")
    var maxAttributes = InputLimits.standard.maxAttributes

    func validate() throws { _ = try inputLimits() }

    /// The limits these options describe.
    func inputLimits() throws -> InputLimits {
        guard maxDepth >= 1, maxAttributes >= 1 else {
            throw ValidationError("--max-depth and --max-attributes must be at least 1")
        }
        return InputLimits(
            maxFileBytes: try Self.bytes(maxFileSize, option: "--max-file-size"), maxDepth: maxDepth,
            maxAttributeBytes: try Self.bytes(maxAttributeSize, option: "--max-attribute-size"),
            maxAttributes: maxAttributes)
    }

    /// `1048576`, `1024K`, `1M`, `1G`.
    static func bytes(_ text: String, option: String) throws -> Int {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text.uppercased())
        var unit = 1
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard let number = Int(digits), number > 0, number <= Int.max / unit else {
            throw ValidationError("\(option) must be a positive number of bytes, optionally with K, M or G: '\(text)'")
        }
        return number * unit
    }
}
