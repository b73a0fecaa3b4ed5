/// Typed access to an object's members, with an error that names the file, the line and the member
/// when a member has the wrong type. A missing member is `nil`, never an error: API responses omit
/// what they do not set.
struct JSONFields {
    let node: JSONNode
    let file: String

    init(_ node: JSONNode, file: String) throws {
        guard node.isObject else {
            throw InputError(file: file, line: node.line, message: "expected an object, found \(node.kindDescription)")
        }
        self.node = node
        self.file = file
    }

    var line: Int { node.line }

    func error(_ message: String, at key: String? = nil) -> InputError {
        InputError(file: file, line: key.flatMap { node[$0]?.line } ?? node.line, message: message)
    }

    /// The member as an object, or `nil` when absent or null.
    func object(_ key: String) throws -> JSONFields? {
        guard let member = present(key) else { return nil }
        guard member.isObject else { throw mismatch(key, member, expected: "an object") }
        return try JSONFields(member, file: file)
    }

    /// The member's elements, or `nil` when absent or null.
    func array(_ key: String) throws -> [JSONNode]? {
        guard let member = present(key) else { return nil }
        guard let elements = member.array else { throw mismatch(key, member, expected: "an array") }
        return elements
    }

    func string(_ key: String) throws -> String? {
        guard let member = present(key) else { return nil }
        guard case .string(let text) = member.value else { throw mismatch(key, member, expected: "a string") }
        return text
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else { throw error("has no \"\(key)\"") }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let member = present(key) else { return nil }
        guard case .bool(let flag) = member.value else { throw mismatch(key, member, expected: "true or false") }
        return flag
    }

    /// A whole number (the API's IDs and millisecond times).
    func integer(_ key: String) throws -> Int64? {
        guard let member = present(key) else { return nil }
        guard case .number(let text) = member.value, let number = Int64(text) else {
            throw mismatch(key, member, expected: "a whole number")
        }
        return number
    }

    func requiredID(_ key: String) throws -> Int {
        guard let number = try integer(key) else { throw error("has no \"\(key)\"") }
        guard let id = Int(exactly: number), id >= 0 else { throw error("\"\(key)\" \(number) is not an ID", at: key) }
        return id
    }

    func id(_ key: String) throws -> Int? {
        guard present(key) != nil else { return nil }
        return try requiredID(key)
    }

    /// A list of IDs; `nil` when absent.
    func ids(_ key: String) throws -> [Int]? {
        guard let elements = try array(key) else { return nil }
        return try elements.map { element in
            guard case .number(let text) = element.value, let id = Int(text), id >= 0 else {
                throw InputError(
                    file: file, line: element.line, message: "\"\(key)\" holds \(element.kindDescription), not an ID")
            }
            return id
        }
    }

    func strings(_ key: String) throws -> [String]? {
        guard let elements = try array(key) else { return nil }
        return try elements.map { element in
            guard case .string(let text) = element.value else {
                throw InputError(
                    file: file, line: element.line, message: "\"\(key)\" holds \(element.kindDescription), not a string"
                )
            }
            return text
        }
    }

    /// The member unless it is absent or `null` (the API writes either for "not set").
    private func present(_ key: String) -> JSONNode? {
        guard let member = node[key] else { return nil }
        if case .null = member.value { return nil }
        return member
    }

    private func mismatch(_ key: String, _ member: JSONNode, expected: String) -> InputError {
        InputError(
            file: file, line: member.line, message: "\"\(key)\" is \(member.kindDescription); expected \(expected)")
    }
}
