import Foundation

/// Translates a Deep Security API export into recscan's fleet: internal IDs become rule
/// identifiers and level names, the manager's rule metadata amends the catalog, and the exclusion
/// register supplies what the API does not hold (reason, who, until when).
///
/// Policies are named by their `name` (the console's word for them), or `name (ID n)` when two
/// policies share a name. Computers are keyed by `hostName`; they also answer to their
/// `displayName` and to the first DNS label of either when no other computer shares it.
struct DeepSecurityFleet: Sendable {
    /// The fleet, in recscan's terms, with the manager's IDs in `fleet.manager`.
    var fleet: Fleet
    /// The catalog with the manager's metadata (name, severity, detect-only, CVEs, dependencies,
    /// catalog-wide exclusion) where the export has the rule.
    var catalog: Catalog
    /// What the operator should know that does not stop the run, one sentence each.
    var notices: [String] = []

    /// Translates `export`, amending `catalog` and joining `register`.
    /// - Throws: `InputErrors` when the export cannot be used: a computer on an unknown policy, a
    ///   policy cycle, an unknown parent, duplicate IDs or host names, no policies.
    static func translate(
        _ export: DeepSecurityExport, catalog: Catalog, register: ExclusionRegister? = nil
    ) throws -> DeepSecurityFleet {
        var translator = DeepSecurityTranslator(export: export, catalog: catalog, register: register)
        return try translator.run()
    }
}

/// The state of one translation.
struct DeepSecurityTranslator {
    let export: DeepSecurityExport
    let catalog: Catalog
    let register: ExclusionRegister?
    var problems: [InputError] = []
    var notices: [String] = []
    var directory = ManagerDirectory()
    var policyNames: [Int: String] = [:]
    var usedRegisterEntries: Set<Int> = []

    init(export: DeepSecurityExport, catalog: Catalog, register: ExclusionRegister?) {
        self.export = export
        self.catalog = catalog
        self.register = register
    }

    mutating func run() throws -> DeepSecurityFleet {
        var fleet = Fleet()
        nameRules()
        namePolicies()
        for level in export.policies {
            var policy = Policy(id: policyNames[level.id] ?? level.name, name: level.name)
            policy.parentID = level.parentID.flatMap { parent in
                guard let name = policyNames[parent] else {
                    problems.append(problem(level, "policy \(level.name) has unknown parent ID \(parent)"))
                    return nil
                }
                return name
            }
            policy.configuration = configuration(of: level, kind: .policy(policy.id))
            policy.line = level.line
            fleet.policies[policy.id] = policy
        }
        for level in export.computers {
            add(computer: level, to: &fleet)
        }
        if export.policies.isEmpty {
            problems.append(InputError(file: export.folder + "/policies.json", message: "lists no policies"))
        }
        problems += Self.treeProblems(fleet, file: export.folder + "/policies.json")
        (fleet.computerAliases, fleet.ambiguousNames) = computerNames(fleet)
        reportUnusedRegisterEntries()
        guard problems.isEmpty else { throw InputErrors(problems) }
        fleet.manager = directory
        return DeepSecurityFleet(fleet: fleet, catalog: amendedCatalog(), notices: notices)
    }

    // MARK: Names

    private mutating func nameRules() {
        var seen: [String: ManagerDirectory.RuleRef] = [:]
        for key in export.rules.keys.sorted() {
            guard let rule = export.rules[key] else { continue }
            let ref = ManagerDirectory.RuleRef(module: key.module, id: key.id)
            if let earlier = seen[rule.identifier], earlier != ref {
                notices.append(
                    "rule \(rule.identifier) is listed twice by the manager (\(earlier.module.rawValue) ID \(earlier.id) "
                        + "and \(key.module.rawValue) ID \(key.id)); requests use the first")
                continue
            }
            seen[rule.identifier] = ref
        }
        directory.rules = seen
    }

    private mutating func namePolicies() {
        let counts = Dictionary(grouping: export.policies, by: \.name).mapValues(\.count)
        for level in export.policies {
            if policyNames[level.id] != nil {
                problems.append(problem(level, "policy ID \(level.id) is listed twice"))
                continue
            }
            let name = counts[level.name, default: 0] > 1 ? "\(level.name) (ID \(level.id))" : level.name
            policyNames[level.id] = name
            directory.policies[name] = level.id
        }
    }

    /// The identifier of an internal rule ID; "ID n" when no rule list of the module holds it (the
    /// unknown-rule finding then names it so).
    func identifier(_ id: Int, module: Module) -> String {
        export.rules[.init(module: module, id: id)]?.identifier ?? "ID \(id)"
    }

    // MARK: Levels

    private mutating func add(computer level: DeepSecurityExport.Level, to fleet: inout Fleet) {
        let key = level.name.lowercased()
        if let earlier = fleet.computers[key] {
            problems.append(
                problem(level, "computer \(level.name) is listed twice (first on line \(earlier.line))"))
            return
        }
        var computer = Computer(hostname: level.name)
        if let policyID = level.parentID {
            guard let name = policyNames[policyID] else {
                problems.append(problem(level, "computer \(level.name) uses unknown policy ID \(policyID)"))
                return
            }
            computer.policyID = name
        }
        computer.configuration = configuration(of: level, kind: .computer(level.name))
        computer.line = level.line
        fleet.computers[key] = computer
        directory.computers[key] = level.id
        if let scans = export.managerScans[level.id] {
            directory.scans[key] = scans.map { scan in
                ManagerScan(
                    module: scan.module, status: scan.status,
                    scanned: scan.scannedMilliseconds.map { Timestamps.iso8601(epochSeconds: $0 / 1000) },
                    recommendedToAssign: scan.recommendedToAssign.map { identifier($0, module: scan.module) },
                    recommendedToUnassign: scan.recommendedToUnassign.map { identifier($0, module: scan.module) },
                    file: scan.file)
            }
        }
    }

    enum LevelName {
        case policy(String)
        case computer(String)
    }

    private mutating func configuration(
        of level: DeepSecurityExport.Level, kind: LevelName
    ) -> LevelConfiguration {
        var configuration = LevelConfiguration(engineMode: level.engineMode)
        configuration.autoApply = level.autoApply
        switch level.intrusionPreventionState {
        case "prevent": configuration.behavior = .prevent
        case "detect": configuration.behavior = .detect
        case "off":
            configuration.behavior = .detect
            notices.append(
                "intrusion prevention is off on \(phrase(kind)): nothing blocks there; recscan treats it as detect")
        default: break
        }
        for module in Module.allCases {
            for id in level.assigned[module] ?? [] {
                if !export.ruleLists.contains(module) {
                    problems.append(
                        problem(
                            level,
                            "\(phrase(kind)) assigns \(module.rawValue) rule ID \(id), but the export has no "
                                + "api/\(module.apiPathName)rules.json to say which rule that is"))
                }
                configuration.assignedRules.append(identifier(id, module: module))
            }
        }
        for key in level.recommendationModes.keys.sorted() {
            guard let override = level.recommendationModes[key] else { continue }
            guard override.mode == "ignored" || override.mode == "enabled" else { continue }
            let rule = identifier(key.id, module: key.module)
            var entry = RecommendationOverride(ruleID: rule, excluded: override.mode == "ignored", line: override.line)
            if entry.excluded, let metadata = registerEntry(for: kind, rule: rule) {
                entry.reason = metadata.reason
                entry.by = metadata.by
                entry.expires = metadata.expires
            }
            configuration.overrides.append(entry)
        }
        return configuration
    }

    private mutating func registerEntry(for kind: LevelName, rule: String) -> ExclusionRegister.Entry? {
        guard let register else { return nil }
        let match: (ExclusionRegister.Entry) -> Bool
        switch kind {
        case .policy(let name): match = { $0.level == .policy && $0.name == name && $0.rule == rule }
        case .computer(let host):
            match = { $0.level == .computer && $0.name.lowercased() == host.lowercased() && $0.rule == rule }
        }
        guard let index = register.entries.firstIndex(where: match) else { return nil }
        usedRegisterEntries.insert(index)
        return register.entries[index]
    }

    private mutating func reportUnusedRegisterEntries() {
        guard let register else { return }
        for (index, entry) in register.entries.enumerated() where !usedRegisterEntries.contains(index) {
            notices.append(
                "\(register.file):\(entry.line): the exclusion register names rule \(entry.rule) on "
                    + "\(entry.level == .policy ? "policy" : "computer") \(entry.name), but the manager excludes "
                    + "no such rule there")
        }
    }

    private func phrase(_ kind: LevelName) -> String {
        switch kind {
        case .policy(let name): "policy \(name)"
        case .computer(let host): "computer \(host)"
        }
    }

    private func problem(_ level: DeepSecurityExport.Level, _ message: String) -> InputError {
        InputError(file: level.file, line: level.line, message: message)
    }
}
