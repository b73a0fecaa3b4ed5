/// The payload of a compiled catalog (see `CompiledCatalog`): the version, the warnings, the
/// application types in id order, then the rules in rule order, each field in a fixed order.
/// Strings are a 32-bit length and UTF-8; optional values a byte 0 or 1 first; lists a 32-bit
/// count first; the enumerations (module, severity, ecosystem, manual reason) their case's
/// position, which `layout` pins: the fingerprint includes it, so a build that adds a case or a
/// field (bump the format's number then) never reads a file of another.
enum CatalogEncoder {
    /// The payload's format and the cases its enumeration codes stand for.
    static let layout =
        "recscan-catalog/1;" + Module.allCases.map(\.rawValue).joined(separator: ",") + ";"
        + Severity.allCases.map(\.rawValue).joined(separator: ",") + ";"
        + Ecosystem.allCases.map(\.rawValue).joined(separator: ",") + ";"
        + ManualReason.allCases.map(\.rawValue).joined(separator: ",")

    /// The payload, or `nil` when a rule has an advisory's alternative (added after reading, and
    /// not part of the form).
    static func payload(of catalog: Catalog) -> [UInt8]? {
        var out = ByteWriter()
        out.string(catalog.version)
        out.count(catalog.warnings.count)
        for warning in catalog.warnings {
            out.optionalInt(warning.line)
            out.optionalInt(warning.column)
            out.string(warning.message)
        }
        out.count(catalog.applicationTypes.count)
        for id in catalog.applicationTypes.keys.sorted() {
            guard let type = catalog.applicationTypes[id] else { continue }
            out.applicationType(type)
        }
        out.count(catalog.sortedRuleIDs.count)
        for id in catalog.sortedRuleIDs {
            guard let rule = catalog.rules[id], rule.applies.software.allSatisfy({ $0.advisory == nil }) else {
                return nil
            }
            out.rule(rule)
        }
        return out.bytes
    }
}

extension ByteWriter {
    fileprivate mutating func applicationType(_ type: ApplicationType) {
        for text in [type.id, type.name, type.direction, type.transport, type.ports] { string(text) }
        count(type.detections.count)
        for detection in type.detections {
            switch detection {
            case .listen(let transport, let port):
                u8(0)
                string(transport)
                int(port)
            case .software(let ecosystem, let name):
                u8(1)
                code(ecosystem)
                string(name)
            }
        }
    }

    fileprivate mutating func rule(_ rule: Rule) {
        string(rule.id)
        code(rule.module)
        string(rule.name)
        code(rule.severity)
        strings(rule.cves)
        optionalString(rule.applicationTypeID)
        strings(rule.dependsOn)
        let applies = rule.applies
        count(applies.operatingSystems.count)
        for os in applies.operatingSystems {
            for field in [os.family, os.name, os.version, os.minVersion, os.maxVersion] { optionalString(field) }
        }
        count(applies.software.count)
        for software in applies.software {
            code(software.ecosystem)
            string(software.name)
            for bound in [software.introduced, software.fixed, software.lastAffected] { optionalString(bound) }
        }
        count(applies.ports.count)
        for port in applies.ports {
            string(port.transport)
            int(port.port)
        }
        strings(applies.files)
        strings(applies.services)
        if let reason = rule.neverAutoReason { code(reason, plusOne: true) } else { u8(0) }
        u8((rule.excludedInCatalog ? 1 : 0) | (rule.detectOnly ? 2 : 0) | (rule.custom ? 4 : 0))
        optionalString(rule.description)
        int(rule.line)
    }

    /// An enumeration value as its case's position (after 0 for "none" when `plusOne`).
    fileprivate mutating func code<Value: CaseIterable & Equatable>(_ value: Value, plusOne: Bool = false) {
        let position = Array(Value.allCases).firstIndex(of: value) ?? 0
        u8(UInt8(truncatingIfNeeded: position + (plusOne ? 1 : 0)))
    }
}

/// Each enumeration's cases in order, made once: `allCases` makes a new array at every call.
private enum CaseTables {
    static let modules = Module.allCases
    static let severities = Severity.allCases
    static let ecosystems = Ecosystem.allCases
    static let manualReasons = ManualReason.allCases
}

/// Reads a payload back, checking every count, length, code and string as it goes.
enum CatalogDecoder {
    static func catalog(from payload: ArraySlice<UInt8>, file: String) throws -> Catalog {
        try ByteReader.read(payload) { try catalog(from: &$0, file: file) }
    }

    private static func catalog(from input: inout ByteReader, file: String) throws -> Catalog {
        let version = try input.string()
        var warnings: [InputError] = []
        for _ in 0..<(try input.count()) {
            let line = try input.optionalInt()
            let column = try input.optionalInt()
            warnings.append(InputError(file: file, line: line, column: column, message: try input.string()))
        }
        let typeCount = try input.count()
        var applicationTypes: [String: ApplicationType] = [:]
        applicationTypes.reserveCapacity(typeCount)
        for _ in 0..<typeCount {
            let type = try input.applicationType()
            guard applicationTypes.updateValue(type, forKey: type.id) == nil else { throw input.damaged }
        }
        let ruleCount = try input.count()
        var rules: [String: Rule] = [:]
        var ids: [String] = []
        rules.reserveCapacity(ruleCount)
        ids.reserveCapacity(ruleCount)
        for _ in 0..<ruleCount {
            let rule = try input.rule()
            let id = rule.id
            ids.append(id)
            // Moved into the table, not copied: a copy retains each of the rule's fields.
            guard rules.updateValue(consume rule, forKey: id) == nil else { throw input.damaged }
        }
        guard input.isAtEnd,
            var catalog = Catalog(
                version: version, applicationTypes: applicationTypes, rules: rules, sortedIDs: ids)
        else { throw input.damaged }
        catalog.warnings = warnings
        return catalog
    }
}

extension ByteReader {
    fileprivate mutating func applicationType() throws -> ApplicationType {
        var type = ApplicationType(
            id: try string(), name: try string(), direction: try string(), transport: try string(), ports: try string(),
            detections: [])
        for _ in 0..<(try count()) {
            switch try u8() {
            case 0: type.detections.append(.listen(protocol: try string(), port: try int()))
            case 1: type.detections.append(.software(ecosystem: try code(CaseTables.ecosystems), name: try string()))
            default: throw damaged
            }
        }
        return type
    }

    fileprivate mutating func rule() throws -> Rule {
        var rule = Rule(
            id: try string(), module: try code(CaseTables.modules), name: try string(),
            severity: try code(CaseTables.severities))
        rule.cves = try strings()
        rule.applicationTypeID = try optionalString()
        rule.dependsOn = try strings()
        rule.applies.operatingSystems = try list {
            OSConstraint(
                family: try $0.optionalString(), name: try $0.optionalString(), version: try $0.optionalString(),
                minVersion: try $0.optionalString(), maxVersion: try $0.optionalString())
        }
        rule.applies.software = try list {
            AffectedSoftware(
                ecosystem: try $0.code(CaseTables.ecosystems), name: try $0.string(),
                introduced: try $0.optionalString(), fixed: try $0.optionalString(),
                lastAffected: try $0.optionalString())
        }
        rule.applies.ports = try list { ListeningPort(transport: try $0.string(), port: try $0.int()) }
        rule.applies.files = try strings()
        rule.applies.services = try strings()
        let reason = try u8()
        rule.neverAutoReason = reason == 0 ? nil : try code(reason - 1, CaseTables.manualReasons)
        let flags = try u8()
        guard flags < 8 else { throw damaged }
        rule.excludedInCatalog = flags & 1 != 0
        rule.detectOnly = flags & 2 != 0
        rule.custom = flags & 4 != 0
        rule.description = try optionalString()
        rule.line = try int()
        return rule
    }

    /// The case of `cases` the next code names.
    fileprivate mutating func code<Value>(_ cases: [Value]) throws -> Value { try code(u8(), cases) }

    /// The case of `cases` at position `code`.
    fileprivate func code<Value>(_ code: UInt8, _ cases: [Value]) throws -> Value {
        guard Int(code) < cases.count else { throw damaged }
        return cases[Int(code)]
    }
}
