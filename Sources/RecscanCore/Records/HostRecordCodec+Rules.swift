/// A rule's result in a record:
///
/// ```
/// reference       the rule's catalog position + 1; or 0, then its id, module, name and severity
/// state           outcome, apply class, reason and blocking in one number (RuleStateCode)
/// evidence        see HostRecordCodec+Evidence.swift
/// assigned at     count, then each level
/// excluded by     flag, then level, reason, by and expires
/// ```
///
/// Reading goes through `RecordedRule`, the rule as it sits in the record: codes decoded, the
/// rest left as ranges of the record's bytes, which a writer can render from in place
/// (`HostRecordCursor`) and `readRule` turns into a `RuleResult`.
extension HostRecordCodec {
    /// Writes the rules of a host, each field read in place from the host's array: a rule
    /// taken out of the array, or passed as an argument, was a copy of the whole result (a
    /// retain and a release per string and array, 50 M instructions for 1,000 hosts).
    /// - Parameter hints: each rule's catalog position as the analysis found it, or `nil`.
    func write(
        _ rules: [RuleResult], hints: [Int]?, shared: inout SharedEvidenceLists<UnsafeRawPointer>,
        to writer: inout RecordWriter
    ) {
        rules.withUnsafeBufferPointer { rules in
            guard let first = rules.baseAddress else { return }
            for index in rules.indices {
                write(first + index, hint: hints?[index], shared: &shared, to: &writer)
            }
        }
    }

    @inline(__always)
    private func write(
        _ rule: UnsafePointer<RuleResult>, hint: Int?, shared: inout SharedEvidenceLists<UnsafeRawPointer>,
        to writer: inout RecordWriter
    ) {
        if let position = rules.position(of: rule, hint: hint) {
            writer.count(position + 1)
        } else {
            writer.byte(0)
            writer.string(rule.pointee.ruleID)
            writer.code(rule.pointee.module)
            writer.string(rule.pointee.name)
            writer.code(rule.pointee.severity)
        }
        writer.count(
            RuleStateCode(
                outcome: rule.pointee.outcome, apply: rule.pointee.apply, reason: rule.pointee.reason,
                blocks: rule.pointee.blocks
            ).value)
        write(rule.pointee.evidence, shared: &shared, to: &writer)
        writer.count(rule.pointee.assignedAt.count)
        for level in rule.pointee.assignedAt { write(level, to: &writer) }
        if let exclusion = rule.pointee.excludedBy {
            writer.bool(true)
            write(exclusion, to: &writer)
        } else {
            writer.bool(false)
        }
    }

    /// Reads one rule in place; `sharedLists` counts the evidence lists that later rules of the
    /// host may refer back to.
    func readRecordedRule(from reader: inout RecordReader, sharedLists: inout Int) throws -> RecordedRule {
        let identityStart = reader.position
        let reference = try reader.unsigned()
        var position = -1
        if reference == 0 {
            try reader.skipString()
            _ = try reader.code(Module.self)
            try reader.skipString()
            _ = try reader.code(Severity.self)
        } else {
            guard reference <= UInt64(rules.count) else { throw RecordError.malformed("no catalog rule \(reference)") }
            position = Int(reference - 1)
        }
        let identity = identityStart..<reader.position
        let state = try RuleStateCode(reader.unsigned())
        let evidence = try readRecordedEvidence(from: &reader, sharedLists: &sharedLists)
        let levelCount = try reader.count(minimumBytes: 2)
        let levelStart = reader.position
        for _ in 0..<levelCount { try Self.skipLevel(from: &reader) }
        let levels = levelStart..<reader.position
        var exclusion: Range<Int>?
        if try reader.bool() {
            let start = reader.position
            try Self.skipExclusion(from: &reader)
            exclusion = start..<reader.position
        }
        return RecordedRule(
            position: position, identity: identity, state: state,
            evidence: evidence, levelCount: levelCount, levels: levels, exclusion: exclusion)
    }

    /// Reads one rule's result, with its catalog position (-1 for none).
    func readRule(from reader: inout RecordReader, shared: inout SharedEvidenceLists<[Evidence]>) throws
        -> (result: RuleResult, position: Int)
    {
        var sharedLists = shared.lists.count
        let recorded = try readRecordedRule(from: &reader, sharedLists: &sharedLists)
        var rule = try result(of: recorded, in: reader)
        rule.evidence = try readEvidence(recorded.evidence, in: reader, shared: &shared)
        var levels = reader.reader(for: recorded.levels)
        rule.assignedAt.reserveCapacity(recorded.levelCount)
        for _ in 0..<recorded.levelCount { rule.assignedAt.append(try readLevel(from: &levels)) }
        if let exclusion = recorded.exclusion {
            var exclusionReader = reader.reader(for: exclusion)
            rule.excludedBy = try readExclusion(from: &exclusionReader)
        }
        return (rule, recorded.position)
    }

    /// The result of `rule` without its evidence, levels and exclusion: what the rule is and
    /// what happens to it.
    func result(of rule: RecordedRule, in reader: RecordReader) throws -> RuleResult {
        var result: RuleResult
        if rule.position >= 0 {
            result = try rules.result(at: rule.position)
        } else {
            var identity = reader.reader(for: rule.identity)
            _ = try identity.unsigned()
            result = RuleResult(
                ruleID: try identity.string(), module: try identity.code(Module.self), name: try identity.string(),
                severity: try identity.code(Severity.self), outcome: .toAssign, apply: nil, reason: nil, blocks: false)
        }
        result.outcome = rule.state.outcome
        result.apply = rule.state.apply
        result.reason = rule.state.reason
        result.blocks = rule.state.blocks
        return result
    }

    private func write(_ exclusion: ExclusionReference, to writer: inout RecordWriter) {
        write(exclusion.level, to: &writer)
        writer.optional(exclusion.reason)
        writer.optional(exclusion.by)
        writer.optional(exclusion.expires)
    }

    /// Moves past an exclusion, checking it as `readExclusion` would but making no string.
    static func skipExclusion(from reader: inout RecordReader) throws {
        try skipLevel(from: &reader)
        for _ in 0..<3 { try reader.skipString(optional: true) }
    }

    func readExclusion(from reader: inout RecordReader) throws -> ExclusionReference {
        ExclusionReference(
            level: try readLevel(from: &reader), reason: try reader.optional(), by: try reader.optional(),
            expires: try reader.optional())
    }
}

/// One rule's result as it sits in a host record: what happens to the rule decoded, the rest
/// as ranges of the record's bytes. Made by `HostRecordCodec.readRecordedRule`.
struct RecordedRule {
    /// The rule's position in the run's catalog (`RecordRuleTable`); -1 when the record spells
    /// out its id, module, name and severity.
    var position: Int
    /// Where the record names the rule.
    var identity: Range<Int>
    /// What happens to the rule on the host.
    var state: RuleStateCode
    var evidence: RecordedEvidence
    /// How many levels the rule is assigned at, and where they are, one after the other.
    var levelCount: Int
    var levels: Range<Int>
    /// Where the exclusion that hides the rule is, if one does.
    var exclusion: Range<Int>?

    /// Whether the rule's element has children: evidence, levels or an exclusion.
    var hasChildren: Bool { evidence != .none || levelCount > 0 || exclusion != nil }
}
