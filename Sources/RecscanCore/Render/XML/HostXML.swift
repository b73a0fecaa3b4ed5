/// The XML vocabulary of hosts, rules, findings and triage plans in `report.xml`.
enum HostXML {
    /// Writes `<host>`; its rule elements go straight to `lines`, after what `writer` held.
    /// - Parameter ordinals: each rule's ordinal in the run's catalog index, or none.
    static func write(
        _ host: HostReport, to writer: XMLStreamWriter, lines: inout WrappedLines, memo: inout ReportFragmentMemo,
        ordinals: [Int] = []
    ) throws {
        try writeStart(of: host, to: writer)
        if let settings = host.settings { try write(settings, to: writer) }
        try write(
            host.rules, ordinals: host.ruleOrdinals(ordinals), to: writer, lines: &lines, memo: &memo)
        try writeEnd(HostReportEnd(host), to: writer)
    }

    /// Opens `<host>` and writes its attributes, its OS and its inventory sources: all that
    /// comes before its settings.
    static func writeStart(of host: HostReport, to writer: XMLStreamWriter) throws {
        try writer.startElement("host")
        try writer.attribute("hostname", host.hostname)
        try writer.attribute("policy", host.policyID)
        try writer.attribute("status", host.status.rawValue)
        try writer.attribute("collected", host.collected)
        if let os = host.os {
            try writer.element(
                "os",
                [
                    ("family", os.family), ("name", os.name), ("version", os.version), ("arch", os.arch),
                    ("inferredFrom", os.inferredFrom),
                ])
        }
        for source in host.inventorySources { try writer.element("source", [("file", source)]) }
        if let inventory = host.inventory { try write(inventory, to: writer) }
    }

    /// Writes the host's findings, manager comparison and changes, which follow its rules, and
    /// closes `<host>`.
    static func writeEnd(_ end: HostReportEnd, to writer: XMLStreamWriter) throws {
        for finding in end.findings {
            try writer.element(
                "finding",
                [
                    ("kind", finding.kind.rawValue), ("severity", finding.severity.rawValue), ("rule", finding.ruleID),
                    ("level", finding.level?.kind.rawValue), ("id", finding.level?.id),
                ] + (finding.vulnerability?.attributes ?? []), text: finding.message)
        }
        if let manager = end.manager { try ManagerXML.write(manager, to: writer) }
        if let changes = end.changes { try ChangesXML.write(changes, to: writer) }
        try writer.endElement()
    }

    /// `<inventory collectedFrom>` with each file's format and the packages per ecosystem
    /// against the rules that could match them.
    private static func write(_ inventory: InventoryDetails, to writer: XMLStreamWriter) throws {
        try writer.startElement("inventory")
        try writer.attribute("collectedFrom", inventory.collectedFrom.rawValue)
        for entry in inventory.formats { try writer.element("read", [("file", entry.file), ("format", entry.format)]) }
        for coverage in inventory.ecosystems {
            try writer.element(
                "packages",
                [
                    ("ecosystem", coverage.ecosystem.rawValue), ("count", String(coverage.packages)),
                    ("rules", String(coverage.rules)),
                ])
        }
        try writer.endElement()
    }

    static func write(_ settings: EffectiveSettings, to writer: XMLStreamWriter) throws {
        try writer.startElement("settings")
        try writer.attribute("engineMode", settings.engineMode.rawValue)
        try writer.attribute("behavior", settings.behavior.rawValue)
        if let level = settings.engineModeSetAt {
            try writer.element("setAt", [("setting", "engineMode"), ("level", level.kind.rawValue), ("id", level.id)])
        }
        if let level = settings.behaviorSetAt {
            try writer.element("setAt", [("setting", "behavior"), ("level", level.kind.rawValue), ("id", level.id)])
        }
        for module in Module.allCases.sorted() {
            try writer.element(
                "autoApply",
                [("module", module.rawValue), ("value", settings.autoApply[module] == true ? "yes" : "no")])
        }
        try writer.endElement()
    }

    /// Writes every `<rule>` element from serialized pieces kept in `memo` (rules and their
    /// evidence repeat from host to host), appended to `lines` after what `writer` held.
    private static func write(
        _ rules: [RuleResult], ordinals: [Int]?, to writer: XMLStreamWriter, lines: inout WrappedLines,
        memo: inout ReportFragmentMemo
    ) throws {
        guard !rules.isEmpty else { return }
        let depth = writer.depth
        let serializer = ElementSerializer()
        var shared = SharedEvidence()
        try writer.rawElements(to: &lines) { lines in
            for (position, rule) in rules.enumerated() {
                try append(
                    rule, ordinal: ordinals?[position], depth: depth, to: &lines.bytes, memo: &memo, shared: &shared,
                    serializer: serializer)
            }
        }
    }

    private static func append(
        _ rule: RuleResult, ordinal: Int?, depth: Int, to bytes: inout RenderBuffer, memo: inout ReportFragmentMemo,
        shared: inout SharedEvidence, serializer: ElementSerializer
    ) throws {
        let hasChildren = !rule.evidence.isEmpty || !rule.assignedAt.isEmpty || rule.excludedBy != nil
        memo.appendHead(of: rule, ordinal: ordinal, depth: depth, to: &bytes)
        try memo.appendTail(of: rule, hasChildren: hasChildren, serializer: serializer, to: &bytes)
        guard hasChildren else { return }
        if let known = shared.bytes(of: rule.evidence) {
            bytes.append(known)
        } else {
            let start = bytes.count
            for evidence in rule.evidence {
                bytes.append(
                    memo.child(.evidence(evidence), depth: depth + 1) {
                        XMLMarkup.emptyElement("evidence", attributes(of: evidence), depth: depth + 1)
                    })
            }
            shared.keep(rule.evidence, bytes: bytes.array(from: start))
        }
        for level in rule.assignedAt {
            bytes.append(
                memo.child(.assignedAt(level), depth: depth + 1) {
                    XMLMarkup.emptyElement("assignedAt", attributes(assignedAt: level), depth: depth + 1)
                })
        }
        if let exclusion = rule.excludedBy {
            bytes.append(
                memo.child(.excludedBy(exclusion), depth: depth + 1) {
                    XMLMarkup.emptyElement("excludedBy", attributes(of: exclusion), depth: depth + 1)
                })
        }
        try memo.appendEnd(depth: depth, serializer: serializer, to: &bytes)
    }

    /// The attributes of `<evidence>`.
    static func attributes(of evidence: Evidence) -> [(String, String?)] {
        [("kind", evidence.kind.rawValue)] + evidence.attributes.map { ($0.name, $0.value) }
    }

    /// The attributes of `<assignedAt>`.
    static func attributes(assignedAt level: Level) -> [(String, String?)] {
        [("level", level.kind.rawValue), ("id", level.id)]
    }

    /// The attributes of `<excludedBy>`.
    static func attributes(of exclusion: ExclusionReference) -> [(String, String?)] {
        [
            ("level", exclusion.level.kind.rawValue), ("id", exclusion.level.id), ("reason", exclusion.reason),
            ("by", exclusion.by), ("expires", exclusion.expires),
        ]
    }

    /// The attributes of `<rule>` that follow from the rule itself.
    static func identityAttributes(of rule: RuleResult) -> [(String, String?)] {
        [
            ("id", rule.ruleID), ("module", rule.module.rawValue), ("name", rule.name),
            ("severity", rule.severity.rawValue),
        ]
    }

    /// Writes the attributes of `<rule>` that say what happens to it on the host.
    static func writeOutcome(of rule: RuleResult, to writer: XMLStreamWriter) throws {
        try writer.attribute("outcome", rule.outcome.rawValue)
        try writer.attribute("apply", rule.apply?.rawValue)
        try writer.attribute("reason", rule.reason?.rawValue)
        try writer.attribute("blocks", rule.blocks ? "true" : "false")
    }

    static func write(_ plan: TriagePlan, to writer: XMLStreamWriter) throws {
        try writer.startElement("triage")
        try writer.attribute("hostname", plan.hostname)
        try writer.attribute("rule", plan.ruleID)
        try writer.attribute("events", String(plan.events))
        try writer.attribute("blocked", plan.blocked ? "true" : "false")
        for step in plan.steps {
            try writer.element(
                "step",
                [("order", String(step.order)), ("action", step.action), ("optional", step.optional ? "true" : nil)]
                    + step.attributes.map { ($0.name, $0.value) },
                text: step.text)
        }
        try writer.endElement()
    }
}

/// The serialized evidence of the lists that many rules of one host share: its OS, each detected
/// application type, no criterion at all. Such a list is one array that the rules' results all
/// point to (see `HostFacts.osEvidence`), so it is found by its storage address, which stays put
/// while the host's report is written: a rule then costs a short scan instead of hashing and
/// looking up its evidence in the memo, whose entries are spread over a megabyte.
private struct SharedEvidence {
    /// Lists kept at most: a host has one OS and a few application types.
    private static let capacity = 32
    private var entries: [(address: UnsafeRawPointer, bytes: [UInt8])] = []

    /// The bytes of `evidence` if it is a list kept earlier for this host.
    func bytes(of evidence: [Evidence]) -> [UInt8]? {
        guard Self.isShared(evidence), let address = Self.address(of: evidence) else { return nil }
        return entries.first { $0.address == address }?.bytes
    }

    /// Keeps the bytes of a list that rules share (a copy: a slice of the fragment would make
    /// every later append to it copy the whole fragment).
    mutating func keep(_ evidence: [Evidence], bytes: [UInt8]) {
        guard entries.count < Self.capacity, Self.isShared(evidence), let address = Self.address(of: evidence) else {
            return
        }
        entries.append((address, bytes))
    }

    /// Lists of one OS, application type or "always" element are the shared ones; a rule's own
    /// package evidence is never looked up again.
    private static func isShared(_ evidence: [Evidence]) -> Bool {
        guard evidence.count == 1 else { return false }
        switch evidence[0].kind {
        case .os, .applicationType, .always: return true
        default: return false
        }
    }

    private static func address(of evidence: [Evidence]) -> UnsafeRawPointer? {
        evidence.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }
}
