/// The serialized bytes of `<rule>` start and end tags and of their child elements, which repeat
/// from host to host (the same rule with the same outcome; the same detected application type
/// or package as evidence). Each is written through libxml2 once; after that, writing it costs
/// a hash lookup and a copy instead of an escaping pass per attribute.
///
/// A memo belongs to one worker at a time. Once it holds `byteLimit` bytes it keeps what it has
/// and takes nothing new, so its size stays bounded whatever the catalog and fleet: the pieces
/// seen first are mostly the common ones, and forgetting them all (as it once did) cost more
/// serializing than the memory it saved. The output never depends on what it holds.
public struct ReportFragmentMemo: Sendable {
    /// Bytes kept at most, counting each entry's key, dictionary slot and array header
    /// (``entryOverhead``) as well as its serialized bytes: 1.25 MiB per worker.
    static let byteLimit = 5 << 18
    /// What an entry costs besides its bytes: its key (strings included), the dictionary slot
    /// and the array or object header, measured roughly.
    static let entryOverhead = 192

    private var tags: [RuleTagsKey: RuleTags] = [:]
    private var children: [RuleChildEntry: [UInt8]] = [:]
    private var byteCount = 0

    /// Creates an empty memo.
    public init() {}

    /// The start tag (or whole empty element) and the end tag of `rule`, serialized at `depth`.
    mutating func tags(
        of rule: RuleResult, hasChildren: Bool, depth: Int, serializer: ElementSerializer
    ) throws -> RuleTags {
        let key = RuleTagsKey(rule, hasChildren: hasChildren, depth: depth)
        if let known = tags[key], known.describes(rule) { return known }
        let serialized = try RuleTags(rule, hasChildren: hasChildren, depth: depth, serializer: serializer)
        if takes(serialized.bytes.count) { tags[key] = serialized }
        return serialized
    }

    /// One child element of a `<rule>`, serialized at `depth` by `write` the first time.
    mutating func child(
        _ key: RuleChildKey, depth: Int, serializer: ElementSerializer, _ write: (XMLStreamWriter) throws -> Void
    ) throws -> [UInt8] {
        let entry = RuleChildEntry(child: key, depth: depth)
        if let known = children[entry] { return known }
        let serialized = try serializer.serialize(depth: depth, write)
        if takes(serialized.count) { children[entry] = serialized }
        return serialized
    }

    /// Whether an entry of `count` bytes still fits; if so, it is counted.
    private mutating func takes(_ count: Int) -> Bool {
        guard byteCount + count + Self.entryOverhead <= Self.byteLimit else { return false }
        byteCount += count + Self.entryOverhead
        return true
    }
}

/// A `<rule>` element's start tag and end tag as bytes; for a rule without children the whole
/// empty element is the start and the end is empty.
struct RuleTags: Sendable {
    /// The start tag followed by the end tag, in one array: one reference to count, not two.
    let bytes: [UInt8]
    /// Where the end tag begins in `bytes`.
    let endIndex: Int
    // What the tags say besides the id and outcome, which the key holds.
    let module: Module
    let name: String
    let severity: Severity

    var start: ArraySlice<UInt8> { bytes[..<endIndex] }
    var end: ArraySlice<UInt8> { bytes[endIndex...] }

    init(_ rule: RuleResult, hasChildren: Bool, depth: Int, serializer: ElementSerializer) throws {
        module = rule.module
        name = rule.name
        severity = rule.severity
        // libxml2 writes the tags; a placeholder child makes it write them as for a rule with
        // children, and its own line is dropped.
        let serialized = try serializer.serialize(depth: depth) { writer in
            try HostXML.startRule(rule, to: writer)
            if hasChildren { try writer.element("x") }
            try writer.endElement()
        }
        guard hasChildren else {
            bytes = serialized
            endIndex = serialized.count
            return
        }
        let lines = serialized.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == 4 else { throw OutputError(path: "rule", message: "could not be serialized") }
        bytes = Array(lines[0]) + [UInt8(ascii: "\n")] + Array(lines[2]) + [UInt8(ascii: "\n")]
        endIndex = lines[0].count + 1
    }

    /// Whether these are the tags of `rule`, given that the key (id and outcome) matched.
    func describes(_ rule: RuleResult) -> Bool {
        module == rule.module && severity == rule.severity && name == rule.name
    }
}

/// What picks a rule's tags: the id, and the outcome with its apply class, reason and blocking,
/// whether the rule has children and the depth, packed into one integer. Module, name and
/// severity follow from the id in one catalog; `RuleTags.describes(_:)` checks them.
///
/// Hashed by FNV-1a over the id's bytes and the shape, computed once: the standard hasher over
/// the id string was a visible part of every lookup (160 per host).
struct RuleTagsKey: Hashable {
    let ruleID: String
    let shape: Int
    private let digest: Int

    init(_ rule: RuleResult, hasChildren: Bool, depth: Int) {
        ruleID = rule.ruleID
        var shape = depth
        shape = shape << 1 | (hasChildren ? 1 : 0)
        shape = shape << 1 | (rule.blocks ? 1 : 0)
        shape = shape << 2 | Self.code(rule.outcome)
        shape = shape << 2 | Self.code(rule.apply)
        shape = shape << 3 | Self.code(rule.reason)
        self.shape = shape
        var digest = FNV1a()
        digest.add(shape)
        digest.add(rule.ruleID)
        self.digest = Int(truncatingIfNeeded: digest.value)
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.digest == rhs.digest && lhs.shape == rhs.shape && lhs.ruleID == rhs.ruleID
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    private static func code(_ outcome: Outcome) -> Int {
        switch outcome {
        case .toAssign: 0
        case .assigned: 1
        case .toUnassign: 2
        case .excluded: 3
        }
    }

    private static func code(_ apply: ApplyClass?) -> Int {
        switch apply {
        case nil: 0
        case .auto?: 1
        case .manual?: 2
        }
    }

    private static func code(_ reason: ManualReason?) -> Int {
        switch reason {
        case nil: 0
        case .falsePositiveProne?: 1
        case .lowConfidence?: 2
        case .requiresConfiguration?: 3
        case .mayAffectOperation?: 4
        case .uncertainVersion?: 5
        case .autoApplyOff?: 6
        }
    }
}

/// A child element of `<rule>`, as the memo keys it.
enum RuleChildKey: Hashable {
    case evidence(Evidence)
    case assignedAt(Level)
    case excludedBy(ExclusionReference)
}

/// A child element of `<rule>` and the depth it is serialized at, hashed once by FNV-1a over its
/// strings' bytes: the standard hasher, run over each string of an evidence element on every
/// lookup, cost more than copying the element's bytes.
private struct RuleChildEntry: Hashable {
    let child: RuleChildKey
    let depth: Int
    private let digest: Int

    init(child: RuleChildKey, depth: Int) {
        self.child = child
        self.depth = depth
        var digest = FNV1a()
        digest.add(depth)
        switch child {
        case .evidence(let evidence):
            digest.add(evidence.kind.rawValue)
            for attribute in evidence.attributes { digest.add(attribute.value) }
        case .assignedAt(let level):
            digest.add(level)
        case .excludedBy(let exclusion):
            digest.add(exclusion.level)
            for value in [exclusion.reason, exclusion.by, exclusion.expires] { digest.add(value ?? "") }
        }
        self.digest = Int(truncatingIfNeeded: digest.value)
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.digest == rhs.digest && lhs.depth == rhs.depth && lhs.child == rhs.child
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// FNV-1a over the pieces of a key: strings eight bytes at a time, each ended by its length.
/// Only a digest: keys that share it are told apart by comparing them in full.
extension FNV1a {
    fileprivate mutating func add(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var index = 0
            while index &+ 8 <= bytes.count {
                add(word: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index &+= 8
            }
            var tail: UInt64 = 0
            while index < bytes.count {
                tail = tail << 8 | UInt64(base[index])
                index &+= 1
            }
            add(word: tail)
        }
        add(word: UInt64(string.utf8.count) | 1 << 63)
    }

    fileprivate mutating func add(_ number: Int) { add(word: UInt64(bitPattern: Int64(number))) }

    fileprivate mutating func add(_ level: Level) {
        add(level.kind.rawValue)
        add(level.id ?? "")
    }
}
