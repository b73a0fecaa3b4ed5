/// Reads `<host>` elements of recscan's own report back into `HostReport` values, exactly as
/// `HostXML` wrote them, so that a host serialized once can be rendered again (the sorted pass
/// of a scan, and merging shards).
enum HostXMLReader {
    /// Reads one `<host>` fragment.
    static func read(fragment: [UInt8], name: String) throws -> HostReport {
        var builder = HostReportBuilder(file: name)
        try XMLStreamReader.read(bytes: fragment, displayName: name) { try builder.handle($0) }
        guard let host = builder.finished.first else {
            throw InputError(file: name, message: "holds no <host> element")
        }
        return host
    }
}

/// Builds `HostReport` values from the events of `<host>` elements at any depth.
struct HostReportBuilder {
    let file: String
    private(set) var finished: [HostReport] = []
    private var host: HostReport?
    private var rule: RuleResult?
    private var finding: Finding?
    private var findingText = ""
    private var inChanges = false

    init(file: String) { self.file = file }

    /// The hosts finished so far, handed over once.
    mutating func takeFinished() -> [HostReport] {
        defer { finished.removeAll(keepingCapacity: true) }
        return finished
    }

    mutating func handle(_ event: XMLEvent) throws {
        switch event {
        case .start(let element): try start(element)
        case .text(let text): if finding != nil { findingText += text }
        case .end(let name, _): end(name)
        }
    }

    private mutating func start(_ element: XMLElementStart) throws {
        let attributes = ElementAttributes(element: element, file: file)
        if element.localName == "host" {
            host = HostReport(
                hostname: try attributes.required("hostname"), policyID: element["policy"],
                status: try attributes.requiredChoice("status", as: HostStatus.self))
            host?.collected = element["collected"]
            return
        }
        guard host != nil, !inChanges else { return }
        switch element.localName {
        case "os":
            host?.os = OperatingSystem(
                family: element["family"] ?? "", name: element["name"] ?? "", version: element["version"] ?? "",
                arch: element["arch"])
        case "source": if let file = element["file"] { host?.inventorySources.append(file) }
        case "settings":
            host?.settings = EffectiveSettings(
                engineMode: try attributes.choice("engineMode", default: .inline),
                behavior: try attributes.choice("behavior", default: .prevent), autoApply: [:])
        case "setAt":
            let level = try Self.level(attributes)
            if element["setting"] == "engineMode" { host?.settings?.engineModeSetAt = level }
            if element["setting"] == "behavior" { host?.settings?.behaviorSetAt = level }
        case "autoApply":
            let module = try attributes.requiredChoice("module", as: Module.self)
            host?.settings?.autoApply[module] = element["value"] == "yes"
        case "rule": rule = try Self.rule(attributes)
        case "evidence":
            guard let kind = element["kind"].flatMap(Evidence.Kind.init(rawValue:)) else {
                throw attributes.error("<evidence> has an unknown kind")
            }
            rule?.evidence.append(Evidence(kind, element.attributePairs.filter { $0.name != "kind" }))
        case "assignedAt": rule?.assignedAt.append(try Self.level(attributes))
        case "excludedBy":
            rule?.excludedBy = ExclusionReference(
                level: try Self.level(attributes), reason: element["reason"], by: element["by"],
                expires: element["expires"])
        case "finding":
            finding = Finding(
                kind: try attributes.requiredChoice("kind", as: FindingKind.self),
                severity: try attributes.requiredChoice("severity", as: Severity.self), ruleID: element["rule"],
                level: element["level"] == nil ? nil : try Self.level(attributes), message: "")
            findingText = ""
        case "changes": inChanges = true
        default: break
        }
    }

    private mutating func end(_ name: String) {
        switch name {
        case "changes": inChanges = false
        case "rule":
            if let rule, !inChanges { host?.rules.append(rule) }
            rule = nil
        case "finding":
            if var finding, !inChanges {
                finding.message = findingText
                host?.findings.append(finding)
            }
            finding = nil
        case "host":
            if let host { finished.append(host) }
            host = nil
        default: break
        }
    }

    private static func rule(_ attributes: ElementAttributes<XMLElementStart>) throws -> RuleResult {
        let element = attributes.element
        return RuleResult(
            ruleID: try attributes.required("id"), module: try attributes.requiredChoice("module", as: Module.self),
            name: element["name"] ?? "", severity: try attributes.requiredChoice("severity", as: Severity.self),
            outcome: try attributes.requiredChoice("outcome", as: Outcome.self),
            apply: element["apply"].flatMap(ApplyClass.init(rawValue:)),
            reason: element["reason"].flatMap(ManualReason.init(rawValue:)), blocks: element["blocks"] == "true")
    }

    private static func level(_ attributes: ElementAttributes<XMLElementStart>) throws -> Level {
        Level(kind: try attributes.requiredChoice("level", as: Level.Kind.self), id: attributes.element["id"])
    }
}
