/// One exclusion override of the fleet, with its state.
public struct FleetExclusion: Sendable, Equatable {
    /// `active` when it hides a rule some host would get, `expired` past its date, else `unused`.
    public enum State: String, Sendable, CaseIterable { case active, expired, unused }
    /// Whether the exclusion is set on a policy or on a computer.
    public var level: Level
    /// Policy id or hostname.
    public var ownerID: String
    /// The rule excluded from recommendations.
    public var ruleID: String
    /// Why the exclusion was set, e.g. "noisy on file shares".
    public var reason: String?
    /// Who set the exclusion, e.g. "ops".
    public var by: String?
    /// Last day the exclusion is in force (inclusive), as `YYYY-MM-DD`.
    public var expires: String?
    /// Whether the exclusion is active, expired or unused across the fleet.
    public var state: State
    /// Inventoried hosts under the level: the policy's computers (directly or through child
    /// policies), or the computer itself.
    public var hosts = 0
    /// Of those, the hosts that would get the rule if nothing excluded it.
    public var needing = 0
    /// Hygiene problems: set on a policy far broader than needed, no reason, no expiry.
    public var issues: [Issue] = []

    /// A hygiene problem of an exclusion.
    public enum Issue: String, Sendable, CaseIterable {
        /// Active on a policy, but fewer than half of the policy's hosts would get the rule:
        /// the exclusion hides it from hosts that may need it; set it on those computers instead.
        case broad
        /// No reason recorded: nobody can tell later whether it is still needed.
        case noReason = "no-reason"
        /// No expiry date: it stays in force until someone remembers it.
        case noExpiry = "no-expiry"
    }
}
