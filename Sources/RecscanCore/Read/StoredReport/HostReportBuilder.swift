/// Builds `HostReport` values from the SAX elements of `<host>` elements at any depth, exactly
/// as `HostXML` wrote them, changes since the run before included. Names are compared in place:
/// a stored run of thousands of hosts is read host by host, about 170 rules each.
struct HostReportBuilder {
    let file: String
    private(set) var finished: [HostReport] = []
    private var host: HostReport?
    private var rule: RuleResult?
    private var finding: Finding?
    private var findingText = ""
    private var inChanges = false
    private var changes: HostChanges?
    private var disagreement: ManagerComparison.Disagreement?
    /// Whether text is a finding's or disagreement's message: a flag, because testing the
    /// optional itself copied a whole `Finding` at each of the report's million text nodes.
    private var collectsText = false

    init(file: String) { self.file = file }

    /// The hosts finished so far, handed over once.
    mutating func takeFinished() -> [HostReport] {
        defer { finished.removeAll(keepingCapacity: true) }
        return finished
    }

    mutating func visit(_ element: SAXElement) throws {
        switch element.kind {
        case .start: try start(element)
        case .text: if collectsText { findingText += element.text }
        case .end: end(element)
        }
    }

    private mutating func start(_ element: SAXElement) throws {
        let attributes = ElementAttributes(element: element, file: file)
        if element.isNamed("host") {
            host = HostReport(
                hostname: try attributes.required("hostname"), policyID: element.value("policy"),
                status: try attributes.requiredChoice("status", as: HostStatus.self))
            host?.collected = element.value("collected")
            return
        }
        guard host != nil else { return }
        if inChanges {
            ChangesXMLReader.add(element, to: &changes)
            return
        }
        if element.isNamed("rule") {
            rule = try Self.rule(attributes)
        } else if element.isNamed("evidence") {
            guard
                let kind = element.exactChoice("kind", as: Evidence.Kind.self)
                    ?? element.value("kind").flatMap(Evidence.Kind.init(rawValue:))
            else {
                throw attributes.error("<evidence> has an unknown kind")
            }
            rule?.evidence.append(Evidence(kind, element.attributePairs(except: "kind")))
        } else if element.isNamed("assignedAt") {
            rule?.assignedAt.append(try Self.level(attributes))
        } else if element.isNamed("finding") {
            finding = Finding(
                kind: try attributes.requiredChoice("kind", as: FindingKind.self),
                severity: try attributes.requiredChoice("severity", as: Severity.self), ruleID: element.value("rule"),
                level: element.value("level") == nil ? nil : try Self.level(attributes), message: "",
                vulnerability: VulnerablePackage(reportAttribute: element.value))
            findingText = ""
            collectsText = true
        } else if element.isNamed("excludedBy") {
            rule?.excludedBy = ExclusionReference(
                level: try Self.level(attributes), reason: element.value("reason"), by: element.value("by"),
                expires: element.value("expires"))
        } else if element.isNamed("os") {
            host?.os = OperatingSystem(
                family: element.value("family") ?? "", name: element.value("name") ?? "",
                version: element.value("version") ?? "", arch: element.value("arch"),
                inferredFrom: element.value("inferredFrom"))
        } else if element.isNamed("source") {
            if let file = element.value("file") { host?.inventorySources.append(file) }
        } else if element.isNamed("inventory") {
            host?.inventory = InventoryDetails(
                formats: [],
                collectedFrom: try attributes.requiredChoice("collectedFrom", as: CollectionTimeSource.self),
                ecosystems: [])
        } else if element.isNamed("read") {
            host?.inventory?.formats.append((try attributes.required("file"), try attributes.required("format")))
        } else if element.isNamed("packages") {
            host?.inventory?.ecosystems.append(
                EcosystemCoverage(
                    ecosystem: try attributes.requiredChoice("ecosystem", as: Ecosystem.self),
                    packages: try Self.count(attributes, "count"), rules: try Self.count(attributes, "rules")))
        } else if element.isNamed("settings") {
            host?.settings = EffectiveSettings(
                engineMode: try attributes.choice("engineMode", default: .inline),
                behavior: try attributes.choice("behavior", default: .prevent), autoApply: [:])
        } else if element.isNamed("setAt") {
            let level = try Self.level(attributes)
            let setting = element.value("setting")
            if setting == "engineMode" { host?.settings?.engineModeSetAt = level }
            if setting == "behavior" { host?.settings?.behaviorSetAt = level }
        } else if element.isNamed("autoApply") {
            let module = try attributes.requiredChoice("module", as: Module.self)
            host?.settings?.autoApply[module] = element.value("value") == "yes"
        } else if element.isNamed("manager") {
            host?.manager = ManagerComparison(
                scans: [], agreements: Int(element.value("agree") ?? "") ?? 0, disagreements: [])
        } else if element.isNamed("scan") {
            host?.manager?.scans.append(
                .init(
                    module: try attributes.requiredChoice("module", as: Module.self), status: element.value("status"),
                    scanned: element.value("scanned")))
        } else if element.isNamed("disagreement") {
            disagreement = .init(
                ruleID: try attributes.required("rule"),
                module: try attributes.requiredChoice("module", as: Module.self),
                direction: try attributes.requiredChoice(
                    "direction", as: ManagerComparison.Disagreement.Direction.self),
                cause: try attributes.requiredChoice("cause", as: ManagerComparison.Disagreement.Cause.self),
                message: "")
            findingText = ""
            collectsText = true
        } else if element.isNamed("changes") {
            inChanges = true
            changes = ChangesXMLReader.hostChanges(element)
        }
    }

    private mutating func end(_ element: SAXElement) {
        if element.isNamed("rule") {
            if let rule, !inChanges { host?.rules.append(rule) }
            rule = nil
        } else if element.isNamed("finding") {
            if var finding, !inChanges {
                finding.message = findingText
                host?.findings.append(finding)
            }
            finding = nil
            collectsText = disagreement != nil
        } else if element.isNamed("disagreement") {
            if var disagreement {
                disagreement.message = findingText
                host?.manager?.disagreements.append(disagreement)
            }
            disagreement = nil
            collectsText = finding != nil
        } else if element.isNamed("changes") {
            inChanges = false
            host?.changes = changes
            changes = nil
        } else if element.isNamed("host") {
            if let host { finished.append(host) }
            host = nil
        }
    }

    private static func count(_ attributes: ElementAttributes<SAXElement>, _ name: StaticString) throws -> Int {
        guard let count = Int(try attributes.required(name)), count >= 0 else {
            throw attributes.error("\(name) is not a count")
        }
        return count
    }

    private static func rule(_ attributes: ElementAttributes<SAXElement>) throws -> RuleResult {
        let element = attributes.element
        // The values as written are matched in place; anything else takes the checked path.
        return RuleResult(
            ruleID: try attributes.required("id"), module: try attributes.requiredChoice("module", as: Module.self),
            name: element.value("name") ?? "", severity: try attributes.requiredChoice("severity", as: Severity.self),
            outcome: try attributes.requiredChoice("outcome", as: Outcome.self),
            apply: element.exactChoice("apply", as: ApplyClass.self)
                ?? element.value("apply").flatMap(ApplyClass.init(rawValue:)),
            reason: element.exactChoice("reason", as: ManualReason.self)
                ?? element.value("reason").flatMap(ManualReason.init(rawValue:)),
            blocks: element.value("blocks") == "true")
    }

    private static func level(_ attributes: ElementAttributes<SAXElement>) throws -> Level {
        Level(kind: try attributes.requiredChoice("level", as: Level.Kind.self), id: attributes.element.value("id"))
    }
}
