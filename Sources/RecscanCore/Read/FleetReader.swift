/// Reads a fleet export (`urn:recscan:fleet:1`): the policy tree and its computers.
public enum FleetReader {
    /// The fleet format's XML namespace, `urn:recscan:fleet:1`.
    public static let namespace = "urn:recscan:fleet:1"

    /// Reads the fleet file at `path`.
    /// - Throws: `InputErrors` listing every problem; a fleet with any problem is unusable.
    public static func read(path: String, displayName: String? = nil, limits: InputLimits = .standard) throws -> Fleet {
        var builder = FleetBuilder(file: displayName ?? path)
        do {
            try XMLStreamReader.read(path: path, displayName: displayName, limits: limits) { try builder.handle($0) }
        } catch let error as InputError {
            builder.problems.append(error)
        }
        return try builder.finish()
    }
}

private struct FleetBuilder {
    let file: String
    var problems: [InputError] = []
    var fleet = Fleet()
    var policy: Policy?
    var computer: Computer?
    var configuration = LevelConfiguration()

    init(file: String) { self.file = file }

    mutating func handle(_ event: XMLEvent) throws {
        switch event {
        case .start(let element):
            do { try start(element) } catch let error as InputError { problems.append(error) }
        case .end(let name, _):
            end(name)
        case .text:
            break
        }
    }

    private mutating func start(_ element: XMLElementStart) throws {
        let attributes = ElementAttributes(element: element, file: file)
        if element.depth == 0 {
            try expectRoot(element, name: "fleet", namespace: FleetReader.namespace, file: file)
            fleet.exported = attributes.optional("exported")
            return
        }
        guard element.namespace == FleetReader.namespace else { return }
        switch element.localName {
        case "policy":
            configuration = LevelConfiguration(engineMode: try attributes.choice("engineMode", default: .inherited))
            var policy = Policy(id: try attributes.required("id"), name: attributes.optional("name") ?? "")
            policy.parentID = attributes.optional("parent")
            policy.line = element.line
            self.policy = policy
        case "computer":
            configuration = LevelConfiguration(engineMode: try attributes.choice("engineMode", default: .inherited))
            var computer = Computer(hostname: try attributes.required("hostname"))
            computer.policyID = attributes.optional("policy")
            computer.line = element.line
            self.computer = computer
        case "settings":
            let module = try attributes.requiredChoice("module", as: Module.self)
            let autoApply: AutoApplySetting = try attributes.choice("autoApply", default: .inherited)
            if autoApply != .inherited { configuration.autoApply[module] = autoApply }
            let behavior: BehaviorSetting = try attributes.choice("behavior", default: .inherited)
            if behavior != .inherited {
                guard module == .intrusionPrevention else {
                    throw attributes.error("behavior is an intrusion-prevention setting, not \(module.rawValue)")
                }
                configuration.behavior = behavior
            }
        case "assign":
            configuration.assignedRules.append(try attributes.required("rule"))
        case "override":
            try override(attributes)
        default:
            break
        }
    }

    private mutating func override(_ attributes: ElementAttributes<XMLElementStart>) throws {
        let rule = try attributes.required("rule")
        let recommendations = try attributes.required("recommendations")
        guard recommendations == "excluded" || recommendations == "enabled" else {
            throw attributes.error("recommendations=\"\(recommendations)\" on <override> must be excluded or enabled")
        }
        let expires = attributes.optional("expires")
        if let expires, Timestamps.epochDays(date: expires) == nil {
            throw attributes.error("expires=\"\(expires)\" is not a date (YYYY-MM-DD)")
        }
        if configuration.overrides.contains(where: { $0.ruleID == rule }) {
            throw attributes.error("rule \(rule) is overridden twice on the same level")
        }
        configuration.overrides.append(
            RecommendationOverride(
                ruleID: rule, excluded: recommendations == "excluded", reason: attributes.optional("reason"),
                by: attributes.optional("by"), expires: expires, line: attributes.element.line))
    }

    private mutating func end(_ name: String) {
        if name == "policy", var finished = policy {
            finished.configuration = configuration
            if let earlier = fleet.policies[finished.id] {
                problems.append(
                    InputError(
                        file: file, line: finished.line,
                        message: "policy \(finished.id) is declared twice (first on line \(earlier.line))"))
            } else {
                fleet.policies[finished.id] = finished
            }
            policy = nil
        } else if name == "computer", var finished = computer {
            finished.configuration = configuration
            let key = finished.hostname.lowercased()
            if let earlier = fleet.computers[key] {
                problems.append(
                    InputError(
                        file: file, line: finished.line,
                        message: "computer \(finished.hostname) is declared twice (first on line \(earlier.line))"))
            } else {
                fleet.computers[key] = finished
            }
            computer = nil
        }
    }

    func finish() throws -> Fleet {
        var problems = self.problems
        for id in fleet.policies.keys.sorted() {
            guard let policy = fleet.policies[id] else { continue }
            if let parent = policy.parentID, fleet.policies[parent] == nil {
                problems.append(
                    InputError(file: file, line: policy.line, message: "policy \(id) has unknown parent \(parent)"))
            }
            if let cycle = cycle(from: id) {
                problems.append(InputError(file: file, line: policy.line, message: "policy tree has a cycle: \(cycle)"))
            }
        }
        // Checked in any order, reported sorted: sorting every key of a large fleet for no
        // problem cost more than reading the computers.
        let unknownPolicy = fleet.computers.filter { _, computer in
            computer.policyID.map { fleet.policies[$0] == nil } ?? false
        }
        for key in unknownPolicy.keys.sorted() {
            guard let computer = unknownPolicy[key], let policy = computer.policyID else { continue }
            problems.append(
                InputError(
                    file: file, line: computer.line,
                    message: "computer \(computer.hostname) uses unknown policy \(policy)"))
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        return fleet
    }

    /// The cycle through `start`, written `a → b → a`, when following parents returns to it.
    private func cycle(from start: String) -> String? {
        var path = [start]
        var current = fleet.policies[start]?.parentID
        while let id = current {
            if id == start { return (path + [start]).joined(separator: " → ") }
            if path.contains(id) { return nil }
            path.append(id)
            current = fleet.policies[id]?.parentID
        }
        return nil
    }
}
