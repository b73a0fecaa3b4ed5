/// What triage needs to know about the whole fleet, computed once per run before any host:
/// the computers under each policy and, from the events (which are small), which computers each
/// rule blocked traffic on.
struct TriageFleetFacts: Sendable {
    /// A policy needs at least this many computers with blocked events of one rule...
    static let policyTapMinimumComputers = 2
    /// ...and at least this share of its computers (in percent) before triage proposes tap mode
    /// for the whole policy rather than for one computer.
    static let policyTapMinimumPercent = 50

    let fleet: Fleet
    /// Hostnames (as the fleet spells them) under each policy, directly or through child policies, sorted.
    let computersByPolicy: [String: [String]]
    /// Lowercased hostnames with at least one blocked event, per rule.
    let blockedHostsByRule: [String: Set<String>]

    init(fleet: Fleet, events: [SecurityEvent]) {
        self.fleet = fleet
        var byPolicy: [String: [String]] = [:]
        // Only plans need the computers under each policy: a run without events skips the table,
        // which grows with the fleet.
        for computer in fleet.computers.values where !events.isEmpty {
            for policy in HostFleetContext(hostname: computer.hostname, fleet: fleet).chain {
                byPolicy[policy.id, default: []].append(computer.hostname)
            }
        }
        computersByPolicy = byPolicy.mapValues { $0.sorted(by: Self.hostOrder) }
        var blocked: [String: Set<String>] = [:]
        for event in events where event.blocked {
            blocked[event.ruleID, default: []].insert(event.hostname.lowercased())
        }
        blockedHostsByRule = blocked
    }

    static func hostOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.lowercased() != rhs.lowercased() ? lhs.lowercased() < rhs.lowercased() : lhs < rhs
    }

    /// The computers under `policyID` other than `hostname`.
    func otherComputers(under policyID: String, than hostname: String) -> [String] {
        // The host may be its computer under another name (a display name, a DNS label).
        let own = fleet.computerKey(for: hostname) ?? hostname.lowercased()
        return (computersByPolicy[policyID] ?? []).filter { $0.lowercased() != own }
    }

    /// Whether `hostname` still has rule `ruleID` once it is unassigned on `levels` (another host's
    /// plan): assigned on its own computer level or on a policy not among them.
    func keepsRule(_ ruleID: String, hostname: String, without levels: [Level]) -> Bool {
        HostFleetContext(hostname: hostname, fleet: fleet).assignmentLevels(of: ruleID).contains { level in
            level == .computer || !levels.contains(level)
        }
    }

    /// The nearest policy of the host's chain where rule `ruleID` blocked traffic on "many" computers
    /// (at least ``policyTapMinimumComputers`` and ``policyTapMinimumPercent`` percent of them), with
    /// the computers it was blocked on; `nil` when the false positive is local to a few computers.
    func policyWideBlocking(ruleID: String, context: HostFleetContext) -> (policy: Policy, hit: [String])? {
        guard let blocked = blockedHostsByRule[ruleID], blocked.count >= Self.policyTapMinimumComputers else {
            return nil
        }
        for policy in context.chain.reversed() {
            let computers = computersByPolicy[policy.id] ?? []
            let hit = computers.filter { blocked.contains($0.lowercased()) }
            if hit.count >= Self.policyTapMinimumComputers
                && hit.count * 100 >= computers.count * Self.policyTapMinimumPercent
            {
                return (policy, hit)
            }
        }
        return nil
    }

    /// The computers under `policyID` whose engine mode follows that policy: no level between
    /// the policy and the computer (the computer included) sets its own engine mode.
    func computersFollowingEngineMode(of policyID: String) -> (following: [String], ownMode: [String]) {
        var following: [String] = []
        var ownMode: [String] = []
        for hostname in computersByPolicy[policyID] ?? [] {
            let levels = HostFleetContext(hostname: hostname, fleet: fleet).levels
            guard let index = levels.firstIndex(where: { $0.level == .policy(policyID) }) else { continue }
            let below = levels[(index + 1)...]
            if below.contains(where: { $0.configuration.engineMode != .inherited }) {
                ownMode.append(hostname)
            } else {
                following.append(hostname)
            }
        }
        return (following, ownMode)
    }

    /// The engine mode a level gets when its own setting is `inherited`: the nearest setting above
    /// it, else the default `inline`; with the level that sets it.
    static func inheritedEngineMode(above index: Int, in levels: [(level: Level, configuration: LevelConfiguration)])
        -> (mode: EngineModeSetting, from: Level?)
    {
        for (level, configuration) in levels[..<index].reversed() where configuration.engineMode != .inherited {
            return (configuration.engineMode, level)
        }
        return (.inline, nil)
    }
}
