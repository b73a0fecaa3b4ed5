/// Reads one policy, computer or rule object of the API. A value a level does not set itself is
/// absent (or empty) with `overrides=true`: that is "inherited".
struct DeepSecurityLevelParser {
    let object: JSONFields
    let kind: ExportLevelKind

    func level() throws -> DeepSecurityExport.Level {
        let isPolicy = kind == .policy
        let name = try object.string(isPolicy ? "name" : "hostName") ?? ""
        guard !name.trimmingWhitespace.isEmpty else {
            throw object.error(isPolicy ? "a policy has no \"name\"" : "a computer has no \"hostName\"")
        }
        var level = DeepSecurityExport.Level(
            id: try object.requiredID("ID"), name: name, file: object.file, line: object.line)
        level.parentID = try object.id(isPolicy ? "parentID" : "policyID")
        if !isPolicy, let display = try object.string("displayName"), !display.trimmingWhitespace.isEmpty {
            level.displayName = display
        }
        if let settings = try object.object(isPolicy ? "policySettings" : "computerSettings") {
            try read(settings: settings, into: &level)
        }
        for module in Module.allCases {
            guard let extensionObject = try object.object(module.apiKey) else { continue }
            if let ids = try extensionObject.ids("ruleIDs"), !ids.isEmpty { level.assigned[module] = ids }
            if module == .intrusionPrevention, let state = try extensionObject.string("state"), state != "inherited" {
                guard ["prevent", "detect", "off"].contains(state) else {
                    throw extensionObject.error(
                        "intrusionPrevention state \"\(state)\" is not one of prevent, detect, off, inherited",
                        at: "state")
                }
                level.intrusionPreventionState = state
            }
        }
        return level
    }

    private func read(settings: JSONFields, into level: inout DeepSecurityExport.Level) throws {
        for module in Module.allCases {
            let key = module.apiKey + "SettingAutoApplyRecommendationsEnabled"
            guard let value = try settingValue(settings, key) else { continue }
            switch value.lowercased() {
            case "yes", "true": level.autoApply[module] = .yes
            case "no", "false": level.autoApply[module] = .no
            default: throw settings.error("\(key) is \"\(value)\"; expected Yes or No", at: key)
            }
        }
        let engineKey = "firewallSettingNetworkEngineMode"
        if let value = try settingValue(settings, engineKey) {
            switch value.lowercased() {
            case "inline": level.engineMode = .inline
            case "tap": level.engineMode = .tap
            case "inherited": break
            default: throw settings.error("\(engineKey) is \"\(value)\"; expected Inline or Tap", at: engineKey)
            }
        }
    }

    /// A setting's `{"value": "..."}`; `nil` when the level does not set it.
    private func settingValue(_ settings: JSONFields, _ key: String) throws -> String? {
        guard let setting = try settings.object(key), let value = try setting.string("value") else { return nil }
        let trimmed = value.trimmingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A rule of a module's rule list.
    static func rule(_ object: JSONFields, module: Module) throws -> DeepSecurityExport.Rule {
        let key = DeepSecurityExport.RuleKey(module: module, id: try object.requiredID("ID"))
        let identifier = try object.string("identifier")?.trimmingWhitespace ?? ""
        guard !identifier.isEmpty else { throw object.error("rule ID \(key.id) has no \"identifier\"") }
        var rule = DeepSecurityExport.Rule(key: key, identifier: identifier, file: object.file, line: object.line)
        rule.name = try object.string("name")
        if let severity = try object.string("severity") {
            guard let parsed = Severity(rawValue: severity.lowercased()) else {
                throw object.error(
                    "rule \(identifier) has severity \"\(severity)\"; expected low, medium, high or critical",
                    at: "severity")
            }
            rule.severity = parsed
        }
        rule.detectOnly = try object.bool("detectOnly")
        rule.cves = try object.strings("CVE")
        rule.dependsOn = try object.ids("dependsOnRuleIDs")
        rule.recommendationsMode = try object.string("recommendationsMode")
        return rule
    }
}

/// Whether an object of the export is a policy or a computer.
enum ExportLevelKind { case policy, computer }
