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
            try XMLSAXReader.read(path: path, displayName: displayName ?? path, limits: limits, text: true) {
                try builder.visit($0)
            }
        } catch let error as InputError {
            builder.problems.append(error)
        }
        return try builder.finish()
    }

    /// Reads a catalog held in memory (the bundled one).
    public static func read(bytes: [UInt8], displayName: String) throws -> Catalog {
        var builder = CatalogBuilder(file: displayName)
        do {
            try XMLSAXReader.read(bytes: bytes, displayName: displayName, limits: .standard, text: true) {
                try builder.visit($0)
            }
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

    /// The catalog's namespace, compared by the parser's interned address after its first match.
    private var catalogNamespace = InternedName("urn:recscan:catalog:1")

    /// Elements are told apart by comparing their names in place: the catalog has tens of
    /// thousands of them, and strings are made only of the values kept.
    mutating func visit(_ element: SAXElement) throws {
        switch element.kind {
        case .start:
            do { try start(element) } catch let error as InputError { problems.append(error) }
        case .end:
            end(element)
        case .text:
            if textTarget != nil { text += element.text }
        }
    }

    private mutating func start(_ element: SAXElement) throws {
        let attributes = ElementAttributes(element: element, file: file)
        if element.depth == 0 {
            try expectRoot(element, name: "catalog", namespace: CatalogReader.namespace, file: file)
            version = try attributes.required("version")
            return
        }
        guard catalogNamespace.isNamespace(of: element) else { return }
        if element.isNamed("software") {
            if currentType != nil {
                currentType?.detections.append(
                    .software(
                        ecosystem: try attributes.requiredChoice("ecosystem", as: Ecosystem.self),
                        name: try attributes.required("name")))
            } else {
                let entry = try software(attributes)
                currentRule?.applies.software.append(entry)
            }
        } else if element.isNamed("rule") {
            currentRule = try rule(attributes)
        } else if element.isNamed("os") {
            currentRule?.applies.operatingSystems.append(
                OSConstraint(
                    family: attributes.optional("family")?.lowercased(),
                    name: attributes.optional("name")?.lowercased(),
                    version: attributes.optional("version"), minVersion: attributes.optional("minVersion"),
                    maxVersion: attributes.optional("maxVersion")))
        } else if element.isNamed("description") || element.isNamed("cve") {
            textTarget = element.localName
            text = ""
        } else if element.isNamed("dependsOn") {
            currentRule?.dependsOn.append(try attributes.required("rule"))
        } else if element.isNamed("port") {
            currentRule?.applies.ports.append(
                ListeningPort(transport: try attributes.required("protocol").lowercased(), port: try attributes.port()))
        } else if element.isNamed("file") {
            currentRule?.applies.files.append(try attributes.required("path"))
        } else if element.isNamed("service") {
            currentRule?.applies.services.append(try attributes.required("name"))
        } else if element.isNamed("applicationType") {
            currentType = ApplicationType(
                id: try attributes.required("id"), name: attributes.optional("name") ?? "",
                direction: attributes.optional("direction") ?? "incoming",
                transport: attributes.optional("protocol") ?? "tcp", ports: attributes.optional("ports") ?? "",
                detections: [])
        } else if element.isNamed("listen"), currentType != nil {
            currentType?.detections.append(
                .listen(protocol: try attributes.required("protocol").lowercased(), port: try attributes.port()))
        }
    }

    private func rule(_ attributes: ElementAttributes<SAXElement>) throws -> Rule {
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

    private func software(_ attributes: ElementAttributes<SAXElement>) throws -> AffectedSoftware {
        AffectedSoftware(
            ecosystem: try attributes.requiredChoice("ecosystem", as: Ecosystem.self),
            name: try attributes.required("name"),
            introduced: attributes.optional("introduced"), fixed: attributes.optional("fixed"),
            lastAffected: attributes.optional("lastAffected"))
    }

    private mutating func end(_ element: SAXElement) {
        // `take()` moves the element's value out: a copy would retain each of its fields.
        if element.isNamed("rule") {
            if let rule = currentRule.take() { insert(rule) }
        } else if element.isNamed("applicationType") {
            if let type = currentType.take() { insert(type) }
        } else if element.isNamed("description"), textTarget == "description" {
            currentRule?.description = text.trimmingWhitespace
            textTarget = nil
        } else if element.isNamed("cve"), textTarget == "cve" {
            let cve = text.trimmingWhitespace
            if !cve.isEmpty { currentRule?.cves.append(cve) }
            textTarget = nil
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
        // The catalog sorts its rule ids anyway: the problems are listed in that order.
        var catalog = Catalog(version: version, applicationTypes: applicationTypes, rules: rules)
        for id in catalog.sortedRuleIDs {
            guard let rule = rules[id] else { continue }
            if let type = rule.applicationTypeID, applicationTypes[type] == nil {
                problems.append(
                    InputError(
                        file: file, line: rule.line, message: "rule \(id) names unknown application type \(type)"))
            }
            // One dangling reference must not stop the batch: the rule is kept, and hosts that
            // get it are told (the missing-dependency finding).
            for dependency in rule.dependsOn where rules[dependency] == nil {
                catalog.warnings.append(
                    InputError(
                        file: file, line: rule.line,
                        message: "rule \(id) depends on rule \(dependency), which is not in the catalog"))
            }
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        return catalog
    }
}
