/// The serialized bytes of `<rule>` start and end tags and of their child elements, which repeat
/// from host to host (the same rule, the same outcome; the same detected application type or
/// package as evidence). A start tag is kept in two pieces, the rule's own attributes and the
/// outcome's, as one piece per rule and outcome did not fit. Each piece is serialized once (by
/// `XMLMarkup`, or through libxml2 for the few tails and end tags); after that, writing it costs
/// a lookup and a copy instead of an escaping pass per attribute.
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

    private var heads: [RuleHeadKey: RuleHead] = [:]
    /// Heads by rule ordinal, for hosts analyzed in this run (`appendHead`): where each is in
    /// `headArena`. Indexing by ordinal replaces hashing the id, and one arena the dictionary's
    /// key, value and array, each a likely cache miss.
    private var headSpans: [HeadSpan] = []
    private var headArena: [UInt8] = []
    /// Tag ends by shape and end tags by depth, by those small integers (a dictionary lookup,
    /// twice per rule, cost more than the copy): a few dozen at most, kept even when the memo is
    /// full.
    private var tails = NumberedBytes()
    private var ends = NumberedBytes()
    private var children: [RuleChildEntry: [UInt8]] = [:]
    /// Child elements (and settings) of hosts written from their records, by the record's bytes.
    private var recordPieces = BytesMemo()
    private var byteCount = 0

    /// The most bytes of element a byte of host record has made on this worker, plus one.
    private var elementBytesPerRecordByte = 8

    /// Creates an empty memo.
    public init() {}

    /// The bytes to reserve for the element of a host whose record has `recordSize` bytes, so
    /// that it is written in place (`RenderBuffer.init(writingInto:)`) rather than moved when it
    /// outgrows its array (a fixed eight times the record was short for most hosts of the
    /// benchmark's fleet). The ratio depends on the fleet, how much of a rule the record holds
    /// as a catalog position, so it is learnt.
    func elementCapacity(recordSize: Int) -> Int { 1024 + elementBytesPerRecordByte * recordSize }

    /// Learns from a host's element of `count` bytes, made from a record of `recordSize`.
    mutating func noteElement(_ count: Int, recordSize: Int) {
        guard recordSize > 0 else { return }
        elementBytesPerRecordByte = max(elementBytesPerRecordByte, count / recordSize + 1)
    }

    /// A `<rule>` start tag, indented for `depth`, up to its id, module, name and severity: one
    /// per rule, whatever its outcome on a host (a memo of whole tags held one per rule and
    /// outcome, and filled up with a third of a 1,000-host fleet's).
    mutating func head(of rule: RuleResult, depth: Int) -> [UInt8] {
        let key = RuleHeadKey(rule.ruleID, depth: depth)
        if let known = heads[key], known.describes(rule) { return known.bytes }
        let head = RuleHead(rule, depth: depth)
        if takes(head.bytes.count) { heads[key] = head }
        return head.bytes
    }

    /// Appends `rule`'s head (see `head(of:depth:)`) to `bytes`.
    /// - Parameter ordinal: the rule's ordinal in the run's catalog index, which names one rule
    ///   (id, module, name, severity) for the whole run; `nil` when not known.
    mutating func appendHead(of rule: RuleResult, ordinal: Int?, depth: Int, to bytes: inout RenderBuffer) {
        guard let ordinal, ordinal >= 0 else {
            bytes.append(head(of: rule, depth: depth))
            return
        }
        appendHead(ordinal: ordinal, depth: depth, to: &bytes) { rule }
    }

    /// Appends the head of the rule with `ordinal` (0 or more) to `bytes`; `rule` gives the
    /// rule's result when the memo does not hold the head.
    mutating func appendHead(
        ordinal: Int, depth: Int, to bytes: inout RenderBuffer, rule: () throws -> RuleResult
    ) rethrows {
        if ordinal < headSpans.count, headSpans[ordinal].count > 0, Int(headSpans[ordinal].depth) == depth {
            let span = headSpans[ordinal]
            headArena.withUnsafeBufferPointer { arena in
                bytes.append(UnsafeBufferPointer(rebasing: arena[Int(span.start)..<Int(span.end)]))
            }
            return
        }
        let head = RuleHead(try rule(), depth: depth).bytes
        bytes.append(head)
        keepHead(head, ordinal: ordinal, depth: depth)
    }

    /// Keeps a head in the arena when it and the slots up to its ordinal fit in the byte limit.
    private mutating func keepHead(_ head: [UInt8], ordinal: Int, depth: Int) {
        guard !head.isEmpty, head.count <= Int(UInt16.max), depth <= Int(UInt16.max),
            headArena.count + head.count <= Int(UInt32.max)
        else { return }
        let newSlots = max(0, ordinal + 1 - headSpans.count)
        // The arena grows in steps of 64 KiB, each counted whole, so that what it holds stays
        // within the limit whatever the growth policy of arrays.
        let step = 64 << 10
        let arenaGrowth = headArena.count + head.count > headArena.capacity ? max(step, head.count) : 0
        let cost = newSlots * MemoryLayout<HeadSpan>.stride + arenaGrowth
        guard byteCount + cost <= Self.byteLimit else { return }
        byteCount += cost
        if arenaGrowth > 0 { headArena.reserveCapacity(headArena.capacity + arenaGrowth) }
        if newSlots > 0 { headSpans += [HeadSpan](repeating: HeadSpan(), count: newSlots) }
        headSpans[ordinal] = HeadSpan(
            start: UInt32(headArena.count), count: UInt16(head.count), depth: UInt16(depth))
        headArena += head
    }

    /// Appends the rest of a `<rule>` start tag: outcome, apply, reason and blocks, then `>` or,
    /// for a rule without children, `/>`, and the line break.
    mutating func appendTail(
        of rule: RuleResult, hasChildren: Bool, serializer: ElementSerializer, to bytes: inout RenderBuffer
    ) throws {
        try appendTail(shape: RuleHead.shape(of: rule, hasChildren: hasChildren), serializer: serializer, to: &bytes) {
            (rule, hasChildren)
        }
    }

    /// Appends the tail of shape `shape` (`RuleHead.shape`); `rule` gives a rule of that shape,
    /// and whether it has children, when the memo does not hold the tail.
    mutating func appendTail(
        shape: Int, serializer: ElementSerializer, to bytes: inout RenderBuffer,
        rule: () throws -> (RuleResult, hasChildren: Bool)
    ) throws {
        if tails.append(shape, to: &bytes) { return }
        let (rule, hasChildren) = try rule()
        let tail = try RuleHead.serializeTail(rule, hasChildren: hasChildren, serializer: serializer)
        tails.keep(tail, for: shape)
        bytes.append(tail)
    }

    /// Appends the `</rule>` line at `depth`, written by libxml2 after a placeholder child.
    mutating func appendEnd(depth: Int, serializer: ElementSerializer, to bytes: inout RenderBuffer) throws {
        if ends.append(depth, to: &bytes) { return }
        let end = try serializer.serialize(depth: depth) { writer in
            try writer.startElement("rule")
            try writer.element("x")
            try writer.endElement()
        }
        let lines = end.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == 4 else { throw OutputError(path: "rule", message: "could not be serialized") }
        let line = Array(lines[2]) + [UInt8(ascii: "\n")]
        ends.keep(line, for: depth)
        bytes.append(line)
    }

    /// One child element of a `<rule>` at `depth`, made by `make` the first time.
    mutating func child(_ key: RuleChildKey, depth: Int, _ make: () -> [UInt8]) -> [UInt8] {
        let entry = RuleChildEntry(child: key, depth: depth)
        if let known = children[entry] { return known }
        let made = make()
        if takes(made.count) { children[entry] = made }
        return made
    }

    /// Appends the element at `depth` made from a piece of a host record (`key`, its bytes
    /// there), made by `make` from the piece decoded the first time: a lookup compares bytes and
    /// makes no string.
    mutating func appendRecordPiece(
        _ piece: RecordPiece, key: UnsafeBufferPointer<UInt8>, depth: Int, to bytes: inout RenderBuffer,
        _ make: () throws -> [UInt8]
    ) throws {
        let kind = piece.rawValue | UInt32(truncatingIfNeeded: depth) << 8
        if depth < 1 << 16, recordPieces.append(kind: kind, key: key, to: &bytes) { return }
        let made = try make()
        bytes.append(made)
        guard depth < 1 << 16 else { return }
        var budget = Self.byteLimit - byteCount
        recordPieces.keep(made, kind: kind, key: key, budget: &budget)
        byteCount = Self.byteLimit - budget
    }

    /// Whether an entry of `count` bytes still fits; if so, it is counted.
    private mutating func takes(_ count: Int) -> Bool {
        guard byteCount + count + Self.entryOverhead <= Self.byteLimit else { return false }
        byteCount += count + Self.entryOverhead
        return true
    }
}

/// What a piece of a host record that `ReportFragmentMemo.appendRecordPiece` takes is.
enum RecordPiece: UInt32 {
    case settings, evidence, assignedAt, excludedBy
}

/// Where a rule's head is in `ReportFragmentMemo`'s arena; a count of 0 is no head.
private struct HeadSpan {
    var start: UInt32 = 0
    var count: UInt16 = 0
    var depth: UInt16 = 0

    var end: UInt32 { start + UInt32(count) }
}

/// The start of a `<rule>` start tag as bytes, up to the attributes that follow from the rule
/// itself; the outcome's attributes (the tail) and the end tag are kept apart. libxml2 writes
/// each attribute on its own, so the head, the tail and the end are, end to end, what it
/// writes for the whole element.
struct RuleHead: Sendable {
    let bytes: [UInt8]
    // What the head says besides the id, which the key holds.
    let module: Module
    let name: String
    let severity: Severity

    /// The head of `rule` at `depth`.
    init(_ rule: RuleResult, depth: Int) {
        bytes = XMLMarkup.startTag("rule", HostXML.identityAttributes(of: rule), depth: depth)
        module = rule.module
        name = rule.name
        severity = rule.severity
    }

    /// The tail of the start tag: `outcome`, `apply`, `reason` and `blocks`, then `>` and a line
    /// break, or `/>` and a line break for a rule without children.
    static func serializeTail(_ rule: RuleResult, hasChildren: Bool, serializer: ElementSerializer) throws -> [UInt8] {
        let serialized = try serializer.serialize(depth: 0) { writer in
            try writer.startElement("rule")
            try HostXML.writeOutcome(of: rule, to: writer)
            if hasChildren { try writer.element("x") }
            try writer.endElement()
        }
        let element = Array("<rule".utf8)
        let lines = serialized.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == (hasChildren ? 4 : 2), lines[0].starts(with: element) else {
            throw OutputError(path: "rule", message: "could not be serialized")
        }
        return Array(lines[0].dropFirst(element.count)) + [UInt8(ascii: "\n")]
    }

    /// Whether this is the head of `rule`, given that the key (the id) matched.
    func describes(_ rule: RuleResult) -> Bool {
        module == rule.module && severity == rule.severity && name == rule.name
    }

    /// What picks a tail: the outcome with its apply class, reason and blocking, and whether the
    /// rule has children, packed into one integer below 512.
    static func shape(of rule: RuleResult, hasChildren: Bool) -> Int {
        shape(
            RuleStateCode(outcome: rule.outcome, apply: rule.apply, reason: rule.reason, blocks: rule.blocks),
            hasChildren: hasChildren)
    }

    static func shape(_ state: RuleStateCode, hasChildren: Bool) -> Int {
        (hasChildren ? 256 : 0) | state.value
    }
}

/// A rule id and the depth its head is indented for. Hashed by FNV-1a over the id's bytes,
/// computed once: the standard hasher over the id string was a visible part of every lookup.
struct RuleHeadKey: Hashable {
    let ruleID: String
    let depth: Int
    private let digest: Int

    init(_ ruleID: String, depth: Int) {
        self.ruleID = ruleID
        self.depth = depth
        var digest = FNV1a()
        digest.add(depth)
        digest.add(ruleID)
        self.digest = Int(truncatingIfNeeded: digest.value)
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.digest == rhs.digest && lhs.depth == rhs.depth && lhs.ruleID == rhs.ruleID
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
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
        string.withUTF8 { add(bytes: $0) }
        add(word: UInt64(string.utf8.count) | 1 << 63)
    }

    fileprivate mutating func add(_ number: Int) { add(word: UInt64(bitPattern: Int64(number))) }

    fileprivate mutating func add(_ level: Level) {
        add(level.kind.rawValue)
        add(level.id ?? "")
    }
}
