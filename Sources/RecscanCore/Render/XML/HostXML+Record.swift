/// `<host>` written straight from the host's record, read in place (`HostRecordCursor`): the
/// same bytes as `HostXML.write(_:to:lines:memo:ordinals:)` writes for the analysis the record
/// holds, without decoding it. Rule start tags are found by catalog position, their children
/// and the host's settings by their bytes in the record, so most rules cost a few lookups and
/// copies and make no `RuleResult`, `Evidence` or string.
extension HostXML {
    /// Writes `<host>` from the host's record; its rule elements go straight to `lines`, after
    /// what `writer` held.
    /// - Parameter changes: the host's changes, written instead of any the record holds.
    static func write(
        _ cursor: inout HostRecordCursor, changes: HostChanges?, to writer: XMLStreamWriter,
        lines: inout WrappedLines, memo: inout ReportFragmentMemo
    ) throws {
        try writeStart(of: cursor.host(), to: writer)
        let (settings, settingsBytes) = try cursor.settings()
        if settings != nil || cursor.hasRules {
            let depth = writer.depth
            let serializer = ElementSerializer()
            try writer.rawElements(to: &lines) { lines in
                if let settings {
                    try memo.appendRecordPiece(
                        .settings, key: cursor.bytes(settingsBytes), depth: depth, to: &lines.bytes
                    ) { try serializer.serialize(depth: depth) { try write(settings, to: $0) } }
                }
                var shared = NumberedBytes()
                while let rule = try cursor.nextRule() {
                    try append(
                        rule, of: &cursor, depth: depth, to: &lines.bytes, memo: &memo, shared: &shared,
                        serializer: serializer)
                }
            }
        }
        var end = try cursor.end()
        end.changes = changes
        try writeEnd(end, to: writer)
    }

    /// Appends one `<rule>` element.
    /// - Parameter shared: the bytes of the evidence lists kept for reference so far
    ///   (`RecordedEvidence.shared`).
    private static func append(
        _ rule: RecordedRule, of cursor: inout HostRecordCursor, depth: Int, to bytes: inout RenderBuffer,
        memo: inout ReportFragmentMemo, shared: inout NumberedBytes, serializer: ElementSerializer
    ) throws {
        if rule.position >= 0 {
            try memo.appendHead(ordinal: rule.position, depth: depth, to: &bytes) { try cursor.result(of: rule) }
        } else {
            bytes.append(memo.head(of: try cursor.result(of: rule), depth: depth))
        }
        let shape = RuleHead.shape(rule.state, hasChildren: rule.hasChildren)
        try memo.appendTail(shape: shape, serializer: serializer, to: &bytes) {
            (try cursor.result(of: rule), rule.hasChildren)
        }
        guard rule.hasChildren else { return }
        let childDepth = depth + 1
        switch rule.evidence {
        case .none:
            break
        case .shared(let index):
            guard shared.append(index, to: &bytes) else {
                throw OutputError(path: "report.xml", message: "a host record refers to evidence it does not hold")
            }
        case .pieces(let count, let range, let kept):
            let start = bytes.count
            var pieces = cursor.pieces(count, at: range)
            while let piece = try pieces.next() {
                try memo.appendRecordPiece(.evidence, key: cursor.bytes(piece), depth: childDepth, to: &bytes) {
                    XMLMarkup.emptyElement(
                        "evidence", try attributes(of: cursor.evidence(at: piece)), depth: childDepth)
                }
            }
            if kept {
                bytes.withBytes { shared.keep(UnsafeBufferPointer(rebasing: $0[start...]), for: shared.count) }
            }
        }
        var levels = cursor.levels(of: rule)
        while let level = try levels.next() {
            try memo.appendRecordPiece(.assignedAt, key: cursor.bytes(level), depth: childDepth, to: &bytes) {
                XMLMarkup.emptyElement(
                    "assignedAt", try attributes(assignedAt: cursor.level(at: level)), depth: childDepth)
            }
        }
        if let exclusion = rule.exclusion {
            try memo.appendRecordPiece(.excludedBy, key: cursor.bytes(exclusion), depth: childDepth, to: &bytes) {
                XMLMarkup.emptyElement(
                    "excludedBy", try attributes(of: cursor.exclusion(at: exclusion)), depth: childDepth)
            }
        }
        try memo.appendEnd(depth: depth, serializer: serializer, to: &bytes)
    }
}
