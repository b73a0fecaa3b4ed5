/// Reads a native catalog (`urn:recscan:catalog:1`) into a `Catalog`.
public enum CatalogReader {
    /// The catalog format's XML namespace, `urn:recscan:catalog:1`.
    public static let namespace = "urn:recscan:catalog:1"

    /// Reads the catalog file at `path`.
    /// - Throws: `InputErrors` listing every problem; a catalog with any problem is unusable.
    public static func read(path: String, displayName: String? = nil, limits: InputLimits = .standard) throws -> Catalog
    {
        var builder = CatalogBuilder(file: displayName ?? path)
        do {
            try XMLStreamReader.read(path: path, displayName: displayName, limits: limits) { try builder.handle($0) }
        } catch let error as InputError {
            builder.problems.append(error)
        }
        return try builder.finish()
    }

    /// Reads a catalog held in memory (the bundled one).
    public static func read(bytes: [UInt8], displayName: String) throws -> Catalog {
        var builder = CatalogBuilder(file: displayName)
        do {
            try XMLStreamReader.read(bytes: bytes, displayName: displayName) { try builder.handle($0) }
        } catch let error as InputError {
            builder.problems.append(error)
        }
        return try builder.finish()
    }
}

/// Several problems found in one input file.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    /// Every problem found in the file.
    public var errors: [InputError]

    /// Collects the problems found in one file.
    public init(_ errors: [InputError]) { self.errors = errors }

    /// The problems, one per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

private struct CatalogBuilder {
    let file: String
    var problems: [InputError] = []
    var version = ""
    var applicationTypes: [String: ApplicationType] = [:]
    var rules: [String: Rule] = [:]
    var currentType: ApplicationType?
    var currentRule: Rule?
    var textTarget: String?
    var text = ""

    init(file: String) { self.file = file }

    mutating func handle(_ event: XMLEvent) throws {
        switch event {
        case .start(let element):
            do { try start(element) } catch let error as InputError { problems.append(error) }
        case .end(let name, _):
            end(name)
        case .text(let value):
            if textTarget != nil { text += value }
        }
    }

    private mutating func start(_ element: XMLElementStart) throws {
        let attributes = ElementAttributes(element: element, file: file)
        if element.depth == 0 {
            try expectRoot(element, name: "catalog", namespace: CatalogReader.namespace, file: file)
            version = try attributes.required("version")
            return
        }
        guard element.namespace == CatalogReader.namespace else { return }
        switch element.localName {
        case "applicationType":
            currentType = ApplicationType(
                id: try attributes.required("id"), name: attributes.optional("name") ?? "",
                direction: attributes.optional("direction") ?? "incoming",
                transport: attributes.optional("protocol") ?? "tcp", ports: attributes.optional("ports") ?? "",
                detections: [])
        case "listen" where currentType != nil:
            currentType?.detections.append(
                .listen(protocol: try attributes.required("protocol").lowercased(), port: try attributes.port()))
        case "software" where currentType != nil:
            currentType?.detections.append(
                .software(
                    ecosystem: try attributes.requiredChoice("ecosystem", as: Ecosystem.self),
                    name: try attributes.required("name")))
        case "rule":
            currentRule = try rule(attributes)
        case "description", "cve":
            textTarget = element.localName
            text = ""
        case "dependsOn":
            currentRule?.dependsOn.append(try attributes.required("rule"))
        case "os":
            currentRule?.applies.operatingSystems.append(
                OSConstraint(
                    family: attributes.optional("family")?.lowercased(),
                    name: attributes.optional("name")?.lowercased(),
                    version: attributes.optional("version"), minVersion: attributes.optional("minVersion"),
                    maxVersion: attributes.optional("maxVersion")))
        case "software":
            let entry = try software(attributes)
            currentRule?.applies.software.append(entry)
        case "port":
            currentRule?.applies.ports.append(
                ListeningPort(transport: try attributes.required("protocol").lowercased(), port: try attributes.port()))
        case "file":
            currentRule?.applies.files.append(try attributes.required("path"))
        case "service":
            currentRule?.applies.services.append(try attributes.required("name"))
        default:
            break
        }
    }

    private func rule(_ attributes: ElementAttributes) throws -> Rule {
        var rule = Rule(
            id: try attributes.required("id"), module: try attributes.requiredChoice("module", as: Module.self),
            name: attributes.optional("name") ?? "",
            severity: try attributes.choice("severity", default: Severity.medium))
        rule.line = attributes.element.line
        rule.applicationTypeID = attributes.optional("applicationType")
        let autoApply = attributes.optional("autoApply") ?? "allowed"
        guard autoApply == "allowed" || autoApply == "never" else {
            throw attributes.error("autoApply=\"\(autoApply)\" on <rule> must be allowed or never")
        }
        let explicitReason: ManualReason? = try attributes.optional("autoApplyReason").map {
            guard let reason = ManualReason(rawValue: $0),
                ![ManualReason.uncertainVersion, .autoApplyOff].contains(reason)
            else { throw attributes.error("autoApplyReason=\"\($0)\" on <rule> is not a rule reason") }
            return reason
        }
        if try attributes.flag("requiresConfiguration") {
            rule.neverAutoReason = .requiresConfiguration
        } else if autoApply == "never" {
            // A rule that says "never" without a reason is treated as possibly disruptive.
            rule.neverAutoReason = explicitReason ?? .mayAffectOperation
        }
        let recommendations = attributes.optional("recommendations") ?? "enabled"
        guard recommendations == "enabled" || recommendations == "excluded" else {
            throw attributes.error("recommendations=\"\(recommendations)\" on <rule> must be enabled or excluded")
        }
        rule.excludedInCatalog = recommendations == "excluded"
        rule.detectOnly = try attributes.flag("detectOnly")
        rule.custom = try attributes.flag("custom")
        return rule
    }

    private func software(_ attributes: ElementAttributes) throws -> AffectedSoftware {
        AffectedSoftware(
            ecosystem: try attributes.requiredChoice("ecosystem", as: Ecosystem.self),
            name: try attributes.required("name"),
            introduced: attributes.optional("introduced"), fixed: attributes.optional("fixed"),
            lastAffected: attributes.optional("lastAffected"))
    }

    private mutating func end(_ name: String) {
        switch name {
        case "applicationType":
            if let type = currentType { insert(type) }
            currentType = nil
        case "rule":
            if let rule = currentRule { insert(rule) }
            currentRule = nil
        case "description" where textTarget == "description":
            currentRule?.description = text.trimmingWhitespace
            textTarget = nil
        case "cve" where textTarget == "cve":
            let cve = text.trimmingWhitespace
            if !cve.isEmpty { currentRule?.cves.append(cve) }
            textTarget = nil
        default:
            break
        }
    }

    private mutating func insert(_ type: ApplicationType) {
        if applicationTypes[type.id] != nil {
            problems.append(InputError(file: file, message: "application type \(type.id) is declared twice"))
        }
        applicationTypes[type.id] = type
    }

    private mutating func insert(_ rule: Rule) {
        if let earlier = rules[rule.id] {
            problems.append(
                InputError(
                    file: file, line: rule.line,
                    message: "rule \(rule.id) is declared twice (first on line \(earlier.line))"))
            return
        }
        rules[rule.id] = rule
    }

    func finish() throws -> Catalog {
        var problems = self.problems
        for id in RuleID.sorted(rules.keys) {
            guard let rule = rules[id] else { continue }
            if let type = rule.applicationTypeID, applicationTypes[type] == nil {
                problems.append(
                    InputError(
                        file: file, line: rule.line, message: "rule \(id) names unknown application type \(type)"))
            }
            for dependency in rule.dependsOn where rules[dependency] == nil {
                problems.append(
                    InputError(file: file, line: rule.line, message: "rule \(id) depends on unknown rule \(dependency)")
                )
            }
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        return Catalog(version: version, applicationTypes: applicationTypes, rules: rules)
    }
}
