/// The serialized bytes of `<rule>` start and end tags and of their child elements, which repeat
/// from host to host (the same rule with the same outcome; the same detected application type
/// or package as evidence). Each is written through libxml2 once; after that, writing it costs
/// a hash lookup and a copy instead of an escaping pass per attribute.
///
/// A memo belongs to one worker at a time. It forgets everything once it holds `byteLimit`
/// bytes, so its size stays bounded whatever the catalog and fleet; the output never depends
/// on what it holds.
public struct ReportFragmentMemo: Sendable {
    /// Bytes kept at most before the memo starts over.
    static let byteLimit = 8 << 20

    private var tags: [RuleTagsKey: RuleTags] = [:]
    private var children: [RuleChildEntry: [UInt8]] = [:]
    private var byteCount = 0

    /// Creates an empty memo.
    public init() {}

    /// The start tag (or whole empty element) and the end tag of `rule`, serialized at `depth`.
    mutating func tags(of rule: RuleResult, hasChildren: Bool, depth: Int) throws -> RuleTags {
        let key = RuleTagsKey(
            ruleID: rule.ruleID, module: rule.module, name: rule.name, severity: rule.severity, outcome: rule.outcome,
            apply: rule.apply, reason: rule.reason, blocks: rule.blocks, hasChildren: hasChildren, depth: depth)
        if let known = tags[key] { return known }
        let serialized = try RuleTags(rule, hasChildren: hasChildren, depth: depth)
        makeRoom(serialized.start.count + serialized.end.count)
        tags[key] = serialized
        return serialized
    }

    /// One child element of a `<rule>`, serialized at `depth` by `write` the first time.
    mutating func child(
        _ key: RuleChildKey, depth: Int, _ write: (XMLStreamWriter) throws -> Void
    ) throws -> [UInt8] {
        let entry = RuleChildEntry(child: key, depth: depth)
        if let known = children[entry] { return known }
        let serialized = try XMLStreamWriter.serializedElement(depth: depth, write)
        makeRoom(serialized.count)
        children[entry] = serialized
        return serialized
    }

    private mutating func makeRoom(_ count: Int) {
        if byteCount + count > Self.byteLimit {
            tags.removeAll()
            children.removeAll()
            byteCount = 0
        }
        byteCount += count
    }
}

/// A `<rule>` element's start tag and end tag as bytes; for a rule without children the whole
/// empty element is `start` and `end` is empty.
struct RuleTags: Sendable {
    let start: [UInt8]
    let end: [UInt8]

    init(_ rule: RuleResult, hasChildren: Bool, depth: Int) throws {
        // libxml2 writes the tags; a placeholder child makes it write them as for a rule with
        // children, and its own line is dropped.
        let bytes = try XMLStreamWriter.serializedElement(depth: depth) { writer in
            try HostXML.startRule(rule, to: writer)
            if hasChildren { try writer.element("x") }
            try writer.endElement()
        }
        guard hasChildren else {
            start = bytes
            end = []
            return
        }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == 4 else { throw OutputError(path: "rule", message: "could not be serialized") }
        start = Array(lines[0]) + [UInt8(ascii: "\n")]
        end = Array(lines[2]) + [UInt8(ascii: "\n")]
    }
}

/// What a `<rule>` start tag is made of. Hashing leaves out what follows from the rule id
/// (module, name, severity); equality compares everything.
struct RuleTagsKey: Hashable {
    let ruleID: String
    let module: Module
    let name: String
    let severity: Severity
    let outcome: Outcome
    let apply: ApplyClass?
    let reason: ManualReason?
    let blocks: Bool
    let hasChildren: Bool
    let depth: Int

    func hash(into hasher: inout Hasher) {
        hasher.combine(ruleID)
        hasher.combine(outcome)
        hasher.combine(apply)
        hasher.combine(reason)
        hasher.combine(blocks)
        hasher.combine(hasChildren)
        hasher.combine(depth)
    }
}

/// A child element of `<rule>`, as the memo keys it.
enum RuleChildKey: Hashable {
    case evidence(Evidence)
    case assignedAt(Level)
    case excludedBy(ExclusionReference)
}

/// A child element of `<rule>` and the depth it is serialized at.
private struct RuleChildEntry: Hashable {
    let child: RuleChildKey
    let depth: Int
}
