/// The exclusion register a team keeps in version control next to a Deep Security estate
/// (`urn:recscan:exclusions:1`): for each exclusion from recommendations the API holds, why it was
/// set, by whom and until when, keyed by the level's name and the rule identifier.
public struct ExclusionRegister: Sendable {
    /// One exclusion's metadata.
    public struct Entry: Sendable, Equatable {
        /// A policy (by its name in the manager) or a computer (by its host name).
        public var level: Level.Kind
        /// The policy's or computer's name.
        public var name: String
        /// The rule identifier, e.g. "1000763".
        public var rule: String
        /// Why the rule is excluded.
        public var reason: String?
        /// Who excluded it.
        public var by: String?
        /// Last day in force (inclusive), `YYYY-MM-DD`.
        public var expires: String?
        /// Where the entry is in the register.
        public var line: Int
    }

    /// The file, as messages name it.
    public var file: String
    /// The entries, in the file's order.
    public var entries: [Entry]
}

/// Reads an exclusion register.
public enum ExclusionRegisterReader {
    /// The register's XML namespace, `urn:recscan:exclusions:1`.
    public static let namespace = "urn:recscan:exclusions:1"

    /// Reads the register at `path`.
    /// - Throws: `InputErrors` listing every problem.
    public static func read(path: String, displayName: String? = nil, limits: InputLimits = .standard) throws
        -> ExclusionRegister
    {
        let file = displayName ?? path
        var register = ExclusionRegister(file: file, entries: [])
        var problems: [InputError] = []
        var seen: [String: Int] = [:]
        do {
            try XMLStreamReader.read(path: path, displayName: displayName, limits: limits) { event in
                guard case .start(let element) = event else { return }
                let attributes = ElementAttributes(element: element, file: file)
                do {
                    if element.depth == 0 {
                        try expectRoot(element, name: "exclusions", namespace: namespace, file: file)
                        return
                    }
                    guard element.namespace == namespace, element.localName == "exclusion" else { return }
                    let entry = try Self.entry(attributes)
                    let key = "\(entry.level.rawValue)\u{1F}\(entry.name.lowercased())\u{1F}\(entry.rule)"
                    if let first = seen[key] {
                        throw attributes.error(
                            "rule \(entry.rule) on \(entry.name) is registered twice (first on line \(first))")
                    }
                    seen[key] = entry.line
                    register.entries.append(entry)
                } catch let error as InputError {
                    problems.append(error)
                }
            }
        } catch let error as InputError {
            problems.append(error)
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        return register
    }

    private static func entry(_ attributes: ElementAttributes<XMLElementStart>) throws -> ExclusionRegister.Entry {
        let policy = attributes.optional("policy")
        let computer = attributes.optional("computer")
        guard (policy == nil) != (computer == nil), let name = policy ?? computer else {
            throw attributes.error("<exclusion> names either policy=\"...\" or computer=\"...\", exactly one")
        }
        let expires = attributes.optional("expires")
        if let expires, Timestamps.epochDays(date: expires) == nil {
            throw attributes.error("expires=\"\(expires)\" is not a date (YYYY-MM-DD)")
        }
        return ExclusionRegister.Entry(
            level: policy != nil ? .policy : .computer, name: name, rule: try attributes.required("rule"),
            reason: attributes.optional("reason"), by: attributes.optional("by"), expires: expires,
            line: attributes.element.line)
    }
}
