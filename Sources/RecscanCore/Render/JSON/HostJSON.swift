/// One host of `report.json`, as `<host>` holds it in `report.xml`, with the same names: an
/// attribute becomes a key, repeated child elements an array, and a value XML leaves out is
/// left out. Written on the workers, one line per host.
enum HostJSON {
    /// Modules in name order, the order of `autoApply`.
    private static let modules = Module.allCases.sorted()

    /// The host's object, on one line, without a line end.
    static func render(_ host: HostReport) -> [UInt8] {
        var memo = RenderMemo()
        return render(host, ordinals: [], memo: &memo)
    }

    /// `render(_:)` with rule identities and states taken from and added to `memo`.
    /// - Parameter ordinals: each rule's ordinal in the run's catalog index, or empty.
    static func render(_ host: HostReport, ordinals: [Int], memo: inout RenderMemo) -> [UInt8] {
        var json = JSONBytes(capacity: 1024 + host.rules.count * 320)
        write(host, ordinals: host.ruleOrdinals(ordinals), memo: &memo, to: &json)
        return json.bytes
    }

    /// `"inventory": {"collectedFrom", "read": [{file, format}], "packages": [{ecosystem, count, rules}]}`.
    private static func write(_ inventory: InventoryDetails, to json: inout JSONBytes) {
        json.key("inventory")
        json.open("collectedFrom")
        json.string(inventory.collectedFrom.rawValue)
        json.array("read", inventory.formats) { json, entry in
            json.open("file")
            json.string(entry.file)
            json.field("format", entry.format)
            json.close()
        }
        json.array("packages", inventory.ecosystems) { json, coverage in
            json.open("ecosystem")
            json.string(coverage.ecosystem.rawValue)
            json.field("count", coverage.packages)
            json.field("rules", coverage.rules)
            json.close()
        }
        json.close()
    }

    private static func write(_ host: HostReport, ordinals: [Int]?, memo: inout RenderMemo, to json: inout JSONBytes) {
        json.open("hostname")
        json.string(host.hostname)
        json.optional("policy", host.policyID)
        json.field("status", word: host.status.rawValue)
        json.optional("collected", host.collected)
        if let os = host.os {
            json.key("os")
            json.open("family")
            json.string(os.family)
            json.field("name", os.name)
            json.field("version", os.version)
            json.optional("arch", os.arch)
            json.optional("inferredFrom", os.inferredFrom)
            json.close()
        }
        json.strings("sources", host.inventorySources)
        if let inventory = host.inventory { write(inventory, to: &json) }
        if let settings = host.settings { write(settings, to: &json) }
        json.key("rules")
        json.raw("[")
        var shared = SharedFacts()
        // Each result read in place: a copy per rule would retain its strings and lists.
        RuleResultInPlace.forEach(in: host.rules) { position, rule in
            if position > 0 { json.raw(",") }
            if let ordinals {
                json.raw(memo.rule(ordinals[position]) { identity(of: rule) })
            } else {
                writeIdentity(of: rule, to: &json)
            }
            json.raw(
                memo.state(of: rule) {
                    var state = JSONBytes(capacity: 96)
                    writeState(of: rule, to: &state)
                    return state.bytes
                })
            write(rule, shared: &shared, to: &json)
        }
        json.raw("]")
        json.array("findings", host.findings) { json, finding in write(finding, to: &json) }
        if let manager = host.manager { ManagerJSON.write(manager, to: &json) }
        if let changes = host.changes { ChangesJSON.write(changes, to: &json) }
        json.close()
    }

    /// `"settings"`: the two settings in force, where each was set (an array of `setAt`, as
    /// in XML), and auto-apply per module as an object of booleans, modules in name order.
    private static func write(_ settings: EffectiveSettings, to json: inout JSONBytes) {
        json.key("settings")
        json.open("engineMode")
        json.plainString(settings.engineMode.rawValue)
        json.field("behavior", word: settings.behavior.rawValue)
        var setAt: [(setting: String, level: Level)] = []
        if let level = settings.engineModeSetAt { setAt.append(("engineMode", level)) }
        if let level = settings.behaviorSetAt { setAt.append(("behavior", level)) }
        json.array("setAt", setAt) { json, entry in
            json.open("setting")
            json.plainString(entry.setting)
            json.field("level", word: entry.level.kind.rawValue)
            json.optional("id", entry.level.id)
            json.close()
        }
        json.key("autoApply")
        for (position, module) in modules.enumerated() {
            json.raw(position == 0 ? "{" : ",")
            json.plainString(module.rawValue)
            json.raw(":")
            json.bool(settings.autoApply[module] == true)
        }
        json.close()
        json.close()
    }

    /// `{"id":...,"severity":...`: what follows from the rule itself, the same on every host.
    private static func identity(of rule: RuleResultInPlace) -> [UInt8] {
        var json = JSONBytes(capacity: 64 + rule.name.utf8.count)
        writeIdentity(of: rule, to: &json)
        return json.bytes
    }

    private static func writeIdentity(of rule: RuleResultInPlace, to json: inout JSONBytes) {
        json.open("id")
        json.string(rule.ruleID)
        json.field("module", word: rule.module.rawValue)
        json.field("name", rule.name)
        json.field("severity", word: rule.severity.rawValue)
    }

    /// `,"outcome":...,"blocks":...`: what happens to the rule on the host.
    private static func writeState(of rule: RuleResultInPlace, to json: inout JSONBytes) {
        json.field("outcome", word: rule.outcome.rawValue)
        json.optional("apply", word: rule.apply?.rawValue)
        json.optional("reason", word: rule.reason?.rawValue)
        json.field("blocks", rule.blocks)
    }

    /// The rest of a rule's object, after its state: why, and where it is assigned or excluded.
    private static func write(_ rule: RuleResultInPlace, shared: inout SharedFacts, to json: inout JSONBytes) {
        json.array("evidence", rule.evidence) { json, fact in
            guard SharedFacts.isShared(fact) else { return write(fact, to: &json) }
            json.raw(
                shared.bytes(of: fact) {
                    var single = JSONBytes(capacity: 96)
                    write(fact, to: &single)
                    return single.bytes
                })
        }
        json.array("assignedAt", rule.assignedAt) { json, level in write(level, to: &json) }
        if let exclusion = rule.excludedBy {
            json.key("excludedBy")
            write(exclusion.level, to: &json, closing: false)
            json.optional("reason", exclusion.reason)
            json.optional("by", exclusion.by)
            json.optional("expires", exclusion.expires)
            json.close()
        }
        json.close()
    }

    /// `{"kind":...}` and the fact's attributes by name.
    private static func write(_ fact: Evidence, to json: inout JSONBytes) {
        json.open("kind")
        json.plainString(fact.kind.rawValue)
        for attribute in fact.attributes where attribute.name != "kind" {
            if fact.kind == .port {
                TypedAttribute.write(attribute.name, attribute.value, to: &json)
            } else {
                json.dynamicKey(attribute.name)
                json.string(attribute.value)
            }
        }
        json.close()
    }

    /// `{"level":...,"id":...}`, the id left out for the catalog and the computer itself.
    private static func write(_ level: Level, to json: inout JSONBytes, closing: Bool = true) {
        json.open("level")
        json.plainString(level.kind.rawValue)
        json.optional("id", level.id)
        if closing { json.close() }
    }

    static func write(_ finding: Finding, to json: inout JSONBytes) {
        json.open("kind")
        json.plainString(finding.kind.rawValue)
        json.field("severity", word: finding.severity.rawValue)
        json.optional("rule", finding.ruleID)
        json.optional("level", word: finding.level?.kind.rawValue)
        json.optional("id", finding.level?.id)
        if let vulnerability = finding.vulnerability {
            json.field("advisory", vulnerability.advisoryID)
            json.optional("aliases", vulnerability.aliases.isEmpty ? nil : vulnerability.aliases.joined(separator: " "))
            json.field("ecosystem", word: vulnerability.ecosystem.rawValue)
            json.field("package", vulnerability.name)
            json.field("version", vulnerability.version)
            json.optional("fixed", vulnerability.fixed)
        }
        json.field("message", finding.message)
        json.close()
    }

    /// A triage plan, its steps' attributes typed as `TypedAttribute` says.
    static func write(_ plan: TriagePlan, to json: inout JSONBytes) {
        json.open("hostname")
        json.string(plan.hostname)
        json.field("rule", plan.ruleID)
        json.field("events", plan.events)
        json.field("blocked", plan.blocked)
        json.array("steps", plan.steps) { json, step in
            json.open("order")
            json.number(step.order)
            json.field("action", step.action)
            json.field("optional", step.optional)
            for attribute in step.attributes where !TypedAttribute.stepKeys.contains(attribute.name) {
                TypedAttribute.write(attribute.name, attribute.value, to: &json)
            }
            json.field("text", step.text)
            json.close()
        }
        json.close()
    }
}

/// The open attribute lists of `<evidence>` and `<step>` as JSON members: a value report.xsd
/// types as a count (`port`, `count`, `alsoAffects`) is a number, one it types as a boolean
/// (`blocked`, `needed`) is `true` or `false`; every other value, `vulnerable`
/// (`true|false|unknown`) and `hosts` (names separated by spaces) included, stays a string.
enum TypedAttribute {
    /// The keys a step writes itself; an attribute of the same name is left out.
    static let stepKeys: Set<String> = ["order", "action", "optional", "text"]

    static func write(_ name: String, _ value: String, to json: inout JSONBytes) {
        json.dynamicKey(name)
        switch name {
        case "port", "count", "alsoAffects":
            if let number = Int(value), number >= 0 {
                json.number(number)
                return
            }
        case "blocked", "needed":
            if value == "true" || value == "false" {
                json.bool(value == "true")
                return
            }
        default: break
        }
        json.string(value)
    }
}
