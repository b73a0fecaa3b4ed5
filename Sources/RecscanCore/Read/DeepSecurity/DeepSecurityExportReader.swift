import Foundation

/// Reads a folder of saved Deep Security API responses, each under its own API path
/// (`api/policies.json`, `api/computers.json`, `api/intrusionpreventionrules.json`,
/// `api/policies/12/intrusionprevention/rules.json`, ...). Fields recscan does not use are
/// ignored: the API adds fields between versions.
enum DeepSecurityExportReader {
    /// Reads the export under `directory` (the folder holding `api/`, or `api/` itself).
    /// - Throws: `InputErrors` with every problem found, each with its file and line.
    static func read(directory: String, limits: InputLimits = .standard) throws -> DeepSecurityExport {
        var reader = ExportFiles(root: apiFolder(directory), display: directory, limits: limits)
        var export = DeepSecurityExport()
        export.folder = reader.display
        export.policies = reader.levels("policies.json", wrapper: "policies", kind: .policy)
        export.computers = reader.levels("computers.json", wrapper: "computers", kind: .computer)
        for module in Module.allCases { reader.rules(module, into: &export) }
        for index in export.policies.indices {
            reader.modes(of: &export.policies[index], folder: "policies")
        }
        for index in export.computers.indices {
            reader.modes(of: &export.computers[index], folder: "computers")
            let id = export.computers[index].id
            let scans = Module.allCases.compactMap { reader.managerScan(computer: id, module: $0) }
            if !scans.isEmpty { export.managerScans[id] = scans }
        }
        guard reader.problems.isEmpty else { throw InputErrors(reader.problems) }
        return export
    }

    /// Whether `directory` looks like an API export (holds `api/policies.json` or `policies.json`).
    static func isExport(directory: String) -> Bool {
        FileManager.default.fileExists(atPath: apiFolder(directory) + "/policies.json")
    }

    private static func apiFolder(_ directory: String) -> String {
        let nested = directory + "/api"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory), isDirectory.boolValue {
            return nested
        }
        return directory
    }
}

/// The files of one export, read one at a time, with the problems found so far.
private struct ExportFiles {
    let root: String
    let display: String
    let limits: InputLimits
    var problems: [InputError] = []

    init(root: String, display: String, limits: InputLimits) {
        self.root = root
        // Messages name files as the operator gave the folder: "export/api/policies.json".
        self.display = root.hasSuffix("/api") ? display + "/api" : display
        self.limits = limits
    }

    /// The parsed document of `relative`, or `nil` when the file is absent (and `required` false).
    mutating func document(_ relative: String, required: Bool) -> (JSONFields, String)? {
        let path = root + "/" + relative
        let name = display + "/" + relative
        guard FileManager.default.fileExists(atPath: path) else {
            if required { problems.append(InputError(file: name, message: "is missing; the export needs it")) }
            return nil
        }
        do {
            let bytes = try InputFile.bytes(path: path, displayName: name, limits: limits)
            var parser = JSONParser(bytes: bytes, file: name, limits: limits)
            return (try JSONFields(try parser.singleDocument(), file: name), name)
        } catch let error as InputError {
            problems.append(error)
        } catch {
            problems.append(InputError(file: name, message: "cannot be read: \(error)"))
        }
        return nil
    }

    /// Each element of the array `wrapper` of a list response, as an object.
    mutating func elements(_ relative: String, wrapper: String, required: Bool) -> [JSONFields] {
        guard let (document, name) = document(relative, required: required) else { return [] }
        do {
            guard let list = try document.array(wrapper) else {
                throw document.error("has no \"\(wrapper)\" list; is it the response of the right API call?")
            }
            return list.compactMap { element in
                do { return try JSONFields(element, file: name) } catch let error as InputError {
                    problems.append(error)
                    return nil
                } catch { return nil }
            }
        } catch let error as InputError {
            problems.append(error)
        } catch {}
        return []
    }

    mutating func levels(_ relative: String, wrapper: String, kind: ExportLevelKind) -> [DeepSecurityExport.Level] {
        elements(relative, wrapper: wrapper, required: true).compactMap { object in
            do { return try DeepSecurityLevelParser(object: object, kind: kind).level() } catch let error as InputError
            {
                problems.append(error)
            } catch {}
            return nil
        }
    }

    mutating func rules(_ module: Module, into export: inout DeepSecurityExport) {
        let relative = module.apiPathName + "rules.json"
        guard FileManager.default.fileExists(atPath: root + "/" + relative) else { return }
        export.ruleLists.insert(module)
        for object in elements(relative, wrapper: module.apiKey + "Rules", required: true) {
            do {
                let rule = try DeepSecurityLevelParser.rule(object, module: module)
                if let earlier = export.rules[rule.key] {
                    throw object.error("rule ID \(rule.key.id) is listed twice (first on line \(earlier.line))")
                }
                export.rules[rule.key] = rule
            } catch let error as InputError {
                problems.append(error)
            } catch {}
        }
    }

    /// Reads `{folder}/{ID}/{module}/rules.json`: the rules whose recommendationsMode the level sets.
    mutating func modes(of level: inout DeepSecurityExport.Level, folder: String) {
        for module in Module.allCases {
            let relative = "\(folder)/\(level.id)/\(module.apiPathName)/rules.json"
            for object in elements(relative, wrapper: module.apiKey + "Rules", required: false) {
                do {
                    let key = DeepSecurityExport.RuleKey(module: module, id: try object.requiredID("ID"))
                    guard let mode = try object.string("recommendationsMode") else { continue }
                    level.recommendationModes[key] = .init(mode: mode, file: object.file, line: object.line)
                } catch let error as InputError {
                    problems.append(error)
                } catch {}
            }
        }
    }

    mutating func managerScan(computer id: Int, module: Module) -> DeepSecurityExport.ManagerScan? {
        let relative = "computers/\(id)/\(module.apiPathName)/assignments.json"
        guard let (object, name) = document(relative, required: false) else { return nil }
        do {
            return DeepSecurityExport.ManagerScan(
                module: module, status: try object.string("recommendationScanStatus"),
                scannedMilliseconds: try object.integer("lastRecommendationScanDate"),
                recommendedToAssign: try object.ids("recommendedToAssignRuleIDs") ?? [],
                recommendedToUnassign: try object.ids("recommendedToUnassignRuleIDs") ?? [],
                assigned: try object.ids("assignedRuleIDs") ?? [], file: name)
        } catch let error as InputError {
            problems.append(error)
        } catch {}
        return nil
    }
}
