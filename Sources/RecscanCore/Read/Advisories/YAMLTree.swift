import Foundation
internal import Yams

/// Reads a YAML document with Yams into the same tree of values, with lines, that the JSON
/// parser gives, so that one decoder reads an advisory in either format. Untrusted input is
/// bounded before and while Yams reads it:
///
/// - nesting: Yams builds its tree recursively, so a file whose nesting may go deeper than the
///   limit is refused before it is parsed (`YAMLNesting` bounds it from above, line by line);
/// - aliases: an alias shares the node it names, and writing them out could repeat a node
///   exponentially often ("billion laughs"), so the tree may hold at most one value per byte;
/// - strings: none longer than the limit of an attribute or a JSON string.
enum YAMLTree {
    /// The document of `bytes` as a tree of values.
    /// - Throws: `InputError` with the line (and column, where Yams gives one) of the problem.
    static func read(bytes: [UInt8], file: String, limits: InputLimits) throws -> JSONNode {
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw InputError(file: file, message: "is not valid UTF-8 text")
        }
        if let line = YAMLNesting.firstLineDeeperThan(limits.maxDepth, in: bytes) {
            throw InputError(
                file: file, line: line, message: "may nest YAML values deeper than \(limits.maxDepth) levels")
        }
        let root: Node?
        do {
            // The basic resolver: Yams' default one matches every plain scalar against regular
            // expressions for its type, which took two thirds of the time of reading PyPA's
            // advisories (their `versions` lists are thousands of plain scalars). The few
            // types OSV needs are resolved below.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw inputError(error, file: file)
        } catch {
            throw InputError(file: file, message: "is not valid YAML: \(error)")
        }
        guard let root else { throw InputError(file: file, message: "is empty; expected a YAML document") }
        var converter = Converter(file: file, budget: bytes.count + 16, maxStringBytes: limits.maxAttributeBytes)
        return try converter.convert(root, line: 1)
    }

    private static func inputError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return InputError(
                file: file, line: mark.line, column: mark.column, message: "is not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, _):
            return InputError(
                file: file,
                message: "is not valid YAML: a mapping repeats \(duplicates.sorted().joined(separator: ", "))")
        default:
            return InputError(file: file, message: "is not valid YAML: \(error)")
        }
    }

    /// Turns Yams' nodes into values, counting them against the budget.
    private struct Converter {
        let file: String
        var budget: Int
        let maxStringBytes: Int

        mutating func convert(_ node: Node, line parentLine: Int) throws -> JSONNode {
            budget -= 1
            let line = node.mark?.line ?? parentLine
            guard budget >= 0 else {
                throw InputError(
                    file: file, line: line, message: "expands to more YAML values than it has bytes (aliases)")
            }
            switch node {
            case .scalar(let scalar):
                return JSONNode(line: line, value: try value(of: scalar, line: line))
            case .alias(let alias):
                throw InputError(file: file, line: line, message: "uses the YAML alias *\(alias.anchor.rawValue)")
            case .sequence(let sequence):
                var elements: [JSONNode] = []
                elements.reserveCapacity(sequence.count)
                for element in sequence { elements.append(try convert(element, line: line)) }
                return JSONNode(line: line, value: .array(elements))
            case .mapping(let mapping):
                var members: [String: JSONNode] = [:]
                for (key, value) in mapping {
                    guard case .scalar(let name) = key else {
                        throw InputError(
                            file: file, line: key.mark?.line ?? line, message: "has a mapping key that is not text")
                    }
                    members[name.string] = try convert(value, line: line)
                }
                return JSONNode(line: line, value: .object(members))
            }
        }

        /// A scalar as YAML's core schema reads the words OSV may use: a plain `null`, `~` or
        /// nothing is null, a plain `true` or `false` a boolean; everything else is text
        /// (numbers keep their text, as the JSON reader keeps them).
        private func value(of scalar: Node.Scalar, line: Int) throws -> JSONValue {
            guard scalar.string.utf8.count <= maxStringBytes else {
                throw InputError(file: file, line: line, message: "has a value longer than \(maxStringBytes) bytes")
            }
            guard scalar.style == .plain else { return .string(scalar.string) }
            switch scalar.string {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: return .string(scalar.string)
            }
        }
    }
}

/// An upper bound on how deep a YAML document nests, found without parsing it: the open
/// indentation levels of a line, plus the block entries (`- `) and keys (`: `) written on it,
/// plus the flow brackets (`[`, `{`) still open. Real nesting never exceeds it.
enum YAMLNesting {
    /// The first line whose bound exceeds `maxDepth`; `nil` when none does.
    static func firstLineDeeperThan(_ maxDepth: Int, in bytes: [UInt8]) -> Int? {
        var indents: [Int] = []
        var flowDepth = 0
        var line = 1
        var index = 0
        while index < bytes.count {
            var indent = 0
            while index + indent < bytes.count, bytes[index + indent] == UInt8(ascii: " ") { indent += 1 }
            var end = index + indent
            var indicators = 0
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
                let byte = bytes[end]
                let nextIsSpace = end + 1 >= bytes.count || bytes[end + 1] == UInt8(ascii: " ")
                switch byte {
                case UInt8(ascii: "["), UInt8(ascii: "{"): flowDepth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
                case UInt8(ascii: "-") where nextIsSpace, UInt8(ascii: ":") where nextIsSpace,
                    UInt8(ascii: "?") where nextIsSpace:
                    indicators += 1
                default: break
                }
                end += 1
            }
            if end > index + indent {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
                if indents.count + indicators + flowDepth > maxDepth { return line }
            }
            index = end + 1
            line += 1
        }
        return nil
    }
}
