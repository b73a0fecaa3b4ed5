import Foundation

/// The outcome of `recscan validate` for one file.
public struct ValidationResult: Sendable {
    /// The file as given on the command line.
    public var file: String
    /// The format recognized, e.g. "recscan inventory XML".
    public var format: String?
    /// Schema and content problems, with line numbers when known.
    public var problems: [InputError]
    /// What is wrong without making the file unusable.
    public var warnings: [InputError] = []

    /// Whether the format was recognized and no problem was found.
    public var isValid: Bool { format != nil && problems.isEmpty }
}

/// Checks input files against their schema and recscan's own content rules.
public enum FileValidator {
    /// Validates one file: recognizes its format by content, checks it against the bundled
    /// XSD (every problem, with line and column), then reads it as a scan would.
    public static func validate(path: String, limits: InputLimits = .standard) -> ValidationResult {
        let problem: String? =
            switch FileStatus(path) {
            case .regular: nil
            case .folder, .special: FileStatus.notRegular
            case .unusable(let cause): cause
            }
        if let problem {
            return ValidationResult(file: path, format: nil, problems: [InputError(file: path, message: problem)])
        }
        let kind = InputDiscovery.classify(path: path)
        switch kind {
        case .unrecognized(let reason):
            return ValidationResult(file: path, format: nil, problems: [InputError(file: path, message: reason)])
        case .eventsCSV:
            return contentCheck(path: path, format: "events CSV") {
                _ = try EventsReader.readCSV(text: try readText(path), displayName: path)
            }
        case .catalog:
            var warnings: [InputError] = []
            var result = schemaAndContent(
                path: path, schema: .catalog, format: "recscan catalog XML", limits: limits
            ) { warnings = try CatalogReader.read(path: path, limits: limits).warnings }
            result.warnings = warnings
            return result
        case .fleet:
            return schemaAndContent(path: path, schema: .fleet, format: "recscan fleet XML", limits: limits) {
                _ = try FleetReader.read(path: path, limits: limits)
            }
        case .eventsXML:
            return schemaAndContent(path: path, schema: .events, format: "recscan events XML", limits: limits) {
                _ = try EventsReader.readXML(path: path, displayName: path, limits: limits)
            }
        case .exclusionRegister:
            return schemaAndContent(
                path: path, schema: .exclusions, format: "recscan exclusion register XML", limits: limits
            ) {
                _ = try ExclusionRegisterReader.read(path: path, limits: limits)
            }
        case .report:
            return schemaAndContent(path: path, schema: .report, format: "recscan report XML", limits: limits) {}
        case .nativeInventory:
            return schemaAndContent(path: path, schema: .inventory, format: InventoryReader.formatName, limits: limits)
            {
                try importHosts(InventoryReader.self, path: path, limits: limits)
            }
        case .cycloneDXXML, .cycloneDXJSON, .spdxJSON, .dpkgStatus, .rpmList, .osqueryJSON:
            // No bundled schema: the importer's own checks (well-formedness for XML, syntax and
            // the fields recscan needs for the rest) give the first problem with its line.
            guard let importer = InventoryFormats.importer(for: kind) else {
                return ValidationResult(
                    file: path, format: nil, problems: [InputError(file: path, message: "no reader")])
            }
            return contentCheck(path: path, format: importer.formatName) {
                try importHosts(importer, path: path, limits: limits)
            }
        }
    }

    private static func importHosts(_ importer: any InventoryImporter.Type, path: String, limits: InputLimits) throws {
        do {
            _ = try importer.read(path: path, displayName: path, limits: limits)
        } catch let error as InventoryFileError {
            throw error.error
        }
    }

    private static func schemaAndContent(
        path: String, schema: BundledSchema, format: String, limits: InputLimits, read: () throws -> Void
    ) -> ValidationResult {
        // Well-formedness and hostile-input checks come first: the schema validator would
        // otherwise report the same parse error in its own words.
        do {
            try XMLStreamReader.read(path: path, limits: limits) { _ in }
        } catch {
            return ValidationResult(file: path, format: format, problems: ScanSetup.inputErrors(error, file: path))
        }
        var result = contentCheck(path: path, format: format, read: read)
        do {
            let validator = try XMLSchemaValidator(xsd: schema.bytes, name: "\(schema.rawValue).xsd")
            let schemaProblems = validator.validate(path: path, limits: limits)
            result.problems = merge(schemaProblems, result.problems)
        } catch {
            result.problems.append(
                InputError(file: path, message: "bundled schema \(schema.rawValue).xsd is broken: \(error)"))
        }
        return result
    }

    private static func contentCheck(path: String, format: String, read: () throws -> Void) -> ValidationResult {
        do {
            try read()
            return ValidationResult(file: path, format: format, problems: [])
        } catch {
            return ValidationResult(file: path, format: format, problems: ScanSetup.inputErrors(error, file: path))
        }
    }

    /// Schema problems and content problems, without repeating a position twice, in file order.
    private static func merge(_ schema: [InputError], _ content: [InputError]) -> [InputError] {
        let schemaLines = Set(schema.compactMap(\.line))
        let extra = content.filter { $0.line == nil || !schemaLines.contains($0.line ?? 0) }
        return (schema + extra).sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    }

    private static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
