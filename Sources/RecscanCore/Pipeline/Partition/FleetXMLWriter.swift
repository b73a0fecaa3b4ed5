/// Writes a fleet as a fleet export (`urn:recscan:fleet:1`): how `partition` cuts the fleet of
/// each shard folder down to the shard's computers. It writes what `FleetReader` reads (every
/// policy and setting, assignment and override, in their order), so a shard sees each of its
/// computers as a single run sees it in the original file; only the lines differ.
enum FleetXMLWriter {
    static func write(_ fleet: Fleet, computers keys: [String], to path: String) throws {
        let writer = try XMLStreamWriter(path: path)
        try writer.startElement("fleet")
        try writer.attribute("xmlns", FleetReader.namespace)
        try writer.attribute("exported", fleet.exported)
        for id in fleet.policies.keys.sorted() {
            guard let policy = fleet.policies[id] else { continue }
            try writer.startElement("policy")
            try writer.attribute("id", policy.id)
            try writer.attribute("parent", policy.parentID)
            try writer.attribute("name", policy.name)
            try level(policy.configuration, to: writer)
            try writer.endElement()
        }
        for key in keys {
            guard let computer = fleet.computers[key] else { continue }
            try writer.startElement("computer")
            try writer.attribute("hostname", computer.hostname)
            try writer.attribute("policy", computer.policyID)
            try level(computer.configuration, to: writer)
            try writer.endElement()
        }
        try writer.endElement()
        try writer.close()
    }

    /// A level's engine mode (an attribute of the open element), settings, assignments and overrides.
    private static func level(_ configuration: LevelConfiguration, to writer: XMLStreamWriter) throws {
        try writer.attribute(
            "engineMode", configuration.engineMode == .inherited ? nil : configuration.engineMode.rawValue)
        for module in Module.allCases.sorted() {
            let autoApply = configuration.autoApply[module]
            let behavior =
                module == .intrusionPrevention && configuration.behavior != .inherited
                ? configuration.behavior.rawValue : nil
            guard autoApply != nil || behavior != nil else { continue }
            try writer.element(
                "settings", [("module", module.rawValue), ("autoApply", autoApply?.rawValue), ("behavior", behavior)])
        }
        for rule in configuration.assignedRules { try writer.element("assign", [("rule", rule)]) }
        for override in configuration.overrides {
            try writer.element(
                "override",
                [
                    ("rule", override.ruleID), ("recommendations", override.excluded ? "excluded" : "enabled"),
                    ("reason", override.reason), ("by", override.by), ("expires", override.expires),
                ])
        }
    }
}
