/// A JSON value with the line it starts on, so that importers can report problems where they are.
struct JSONNode: Sendable {
    /// The line the value starts on (1-based).
    var line: Int
    var value: JSONValue

    /// The member `key` of an object; `nil` for other values or a missing member.
    subscript(_ key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members[key]
    }

    /// The string, or a number's or boolean's text (osquery writes numbers either way); `nil` otherwise.
    var text: String? {
        switch value {
        case .string(let string): string
        case .number(let number): number
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// The text with surrounding whitespace removed; `nil` when absent or empty.
    var trimmedText: String? {
        guard let text = text?.trimmingWhitespace, !text.isEmpty else { return nil }
        return text
    }

    /// The elements of an array; `nil` for other values.
    var array: [JSONNode]? {
        guard case .array(let elements) = value else { return nil }
        return elements
    }

    /// Whether the value is an object.
    var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    /// What the value is, for messages: "an object", "a string", ...
    var kindDescription: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A parsed JSON value; numbers keep their text so nothing is lost to floating point.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])
}
