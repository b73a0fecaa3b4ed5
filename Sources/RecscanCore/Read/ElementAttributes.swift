/// An element start, as either streaming reader shows it: what `ElementAttributes` and
/// `expectRoot` read.
protocol AttributedElement {
    var localName: String { get }
    var namespace: String? { get }
    var line: Int { get }
    /// The column, or 0 when the parser does not know it.
    var column: Int { get }
    /// The value of the unprefixed attribute `name`, if present.
    func attribute(_ name: StaticString) -> String?
    /// The case of `T` spelled exactly by attribute `name`, if the element can tell without
    /// making a string; `nil` sends the caller to the checked path.
    func exactChoice<T: RawRepresentable & CaseIterable>(_ name: StaticString, as type: T.Type) -> T?
    where T.RawValue == String
}

extension XMLElementStart: AttributedElement {
    func attribute(_ name: StaticString) -> String? { self[name.description] }
    func exactChoice<T: RawRepresentable & CaseIterable>(_ name: StaticString, as type: T.Type) -> T?
    where T.RawValue == String { nil }
}

extension SAXElement: AttributedElement {
    var column: Int { 0 }
    // Names are static: compared in place, no string made per lookup (the catalog's 10,000
    // rules ask for a dozen attributes each).
    func attribute(_ name: StaticString) -> String? { value(name) }
}

/// Typed access to an element's attributes that reports problems with file and position.
struct ElementAttributes<Element: AttributedElement> {
    let element: Element
    let file: String

    func error(_ message: String) -> InputError {
        InputError(file: file, line: element.line, column: element.column > 0 ? element.column : nil, message: message)
    }

    func optional(_ name: StaticString) -> String? {
        guard let value = element.attribute(name) else { return nil }
        let trimmed = value.trimmingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    func required(_ name: StaticString) throws -> String {
        guard let value = optional(name) else {
            throw error("<\(element.localName)> needs a non-empty \(name) attribute")
        }
        return value
    }

    func choice<T: RawRepresentable>(_ name: StaticString, default fallback: T) throws -> T
    where T.RawValue == String {
        guard let raw = optional(name) else { return fallback }
        guard let value = T(rawValue: raw) else {
            throw error("\(name)=\"\(raw)\" on <\(element.localName)> is not one of the accepted values")
        }
        return value
    }

    func requiredChoice<T: RawRepresentable & CaseIterable>(_ name: StaticString, as type: T.Type) throws -> T
    where T.RawValue == String {
        if let value = element.exactChoice(name, as: type) { return value }
        let raw = try required(name)
        guard let value = T(rawValue: raw) else {
            let accepted = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error("\(name)=\"\(raw)\" on <\(element.localName)> is not one of: \(accepted)")
        }
        return value
    }

    func flag(_ name: StaticString) throws -> Bool {
        guard let raw = optional(name) else { return false }
        switch raw {
        case "true", "1": return true
        case "false", "0": return false
        default: throw error("\(name)=\"\(raw)\" on <\(element.localName)> must be true or false")
        }
    }

    func port(_ name: StaticString = "port") throws -> Int {
        let raw = try required(name)
        guard let value = ListeningPort.port(raw) else {
            throw error("\(name)=\"\(raw)\" on <\(element.localName)> is not a port number (1-65535)")
        }
        return value
    }
}

extension Character {
    /// `isWhitespace` with ASCII answered first: text inventories split every line on blanks,
    /// and the Unicode property lookup behind `isWhitespace` was a visible part of reading them.
    var isBlank: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return isWhitespace
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        // Almost every value has no surrounding blanks: check the two ends' bytes first, in the
        // string's contiguous storage (the generic `utf8.last` walks an index backwards).
        var string = String(self)
        let plain = string.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            return first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80
        }
        if plain { return string }
        var scalars = Substring(self)
        while let first = scalars.first, first.isBlank { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isBlank { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

/// Checks that a document's root element is the one a format expects.
func expectRoot(_ element: some AttributedElement, name: String, namespace: String, file: String) throws {
    guard element.localName == name, element.namespace == namespace else {
        let found = element.namespace.map { "{\($0)}" } ?? ""
        throw InputError(
            file: file, line: element.line,
            message: "root element is \(found)\(element.localName), expected {\(namespace)}\(name)")
    }
}
