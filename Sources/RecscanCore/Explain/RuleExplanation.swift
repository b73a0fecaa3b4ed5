/// One alternative of a criterion, checked against the host: what the rule asks and what the
/// inventory has.
public struct CriterionFact: Sendable, Equatable {
    /// Whether this alternative holds on the host.
    public var met: Bool
    /// What was compared, in writing order, e.g. `ecosystem`, `name`, `installed`, `range`, `scheme`.
    public var attributes: [(name: String, value: String)]
    /// The comparison in words, e.g. "deb openssl 3.0.15-1~deb12u1 is at or past fixed 1.0.1g-1: patched".
    public var text: String

    /// Creates a fact whose attributes are written in the given order.
    public init(met: Bool, _ attributes: [(name: String, value: String)], text: String) {
        self.met = met
        self.attributes = attributes
        self.text = text
    }

    /// The value of one attribute, if present.
    public func value(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// Equal when the flag, the text and the attribute names and values, in order, are equal.
    public static func == (lhs: CriterionFact, rhs: CriterionFact) -> Bool {
        lhs.met == rhs.met && lhs.text == rhs.text && lhs.attributes.map(\.name) == rhs.attributes.map(\.name)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }
}

/// One applicability criterion of a rule (SPEC "Matching"), evaluated in full on one host.
public struct CriterionCheck: Sendable, Equatable {
    /// Which criterion of the SPEC's list this is.
    public enum Kind: String, Sendable {
        case custom, os
        case applicationType = "application-type"
        case software, presence
        /// The rule has no criteria at all: it applies to every host.
        case none
    }

    /// How the criterion came out.
    public enum State: String, Sendable {
        /// It holds.
        case met
        /// It does not hold.
        case failed
        /// It holds, but only because a version could not be compared: recommended, never automatically.
        case uncertain
        /// The listed software is installed at a fixed version: it does not hold.
        case patched
    }

    /// Which criterion this is.
    public var kind: Kind
    /// Whether the criterion holds.
    public var state: State
    /// The criterion and its result in one sentence.
    public var text: String
    /// Every alternative the criterion lists, each checked.
    public var facts: [CriterionFact]

    /// Whether the criterion lets the rule through (met or uncertain).
    public var holds: Bool { state == .met || state == .uncertain }
}

/// One level's say on whether a rule is excluded from recommendations, in walk order.
public struct ExclusionCheck: Sendable, Equatable {
    /// What the level's override did in the nearest-level-wins walk.
    public enum State: String, Sendable {
        /// In force and `excluded`: it hides the rule (when the rule is recommended).
        case excludes
        /// In force and `enabled`: it lifts any exclusion set further up.
        case enables
        /// Past its `expires` date: passed over.
        case expired
        /// A nearer level already decided; this one is not consulted.
        case notReached = "not-reached"
    }

    /// The level: the computer, a policy, or the catalog.
    public var level: Level
    /// Whether the override (or the catalog flag) excludes the rule.
    public var excluded: Bool
    /// Why the override was set.
    public var reason: String?
    /// Who set it.
    public var by: String?
    /// Last day it is in force, `YYYY-MM-DD`.
    public var expires: String?
    /// What the override did in the walk.
    public var state: State
}

/// Whether a rule blocks traffic on a host, with the settings that decide it.
public struct BlockingExplanation: Sendable, Equatable {
    /// Whether the rule blocks (or, not yet assigned, would block) traffic on the host.
    public var blocks: Bool
    /// The effective engine mode and the level that set it (`nil`: the default).
    public var engineMode: EngineModeSetting
    /// The level that set the engine mode; `nil` when the default applies.
    public var engineModeSetAt: Level?
    /// The effective intrusion-prevention behavior.
    public var behavior: BehaviorSetting
    /// The level that set the behavior; `nil` when the default applies.
    public var behaviorSetAt: Level?
    /// Whether the rule is detect-only in the catalog.
    public var detectOnly: Bool
    /// Whether the rule is an intrusion-prevention rule (only those act on traffic).
    public var actsOnTraffic: Bool
}

/// Whether automatic application of recommendations would add the rule to the host.
public struct AutoApplicationExplanation: Sendable, Equatable {
    /// The rule's module's effective `autoApply` on the host.
    public var moduleAutoApply: Bool
    /// The level that set it; `nil` when the default (`no`) applies.
    public var setAt: Level?
    /// Whether the next automatic application would assign the rule.
    public var wouldAdd: Bool
    /// Why it would or would not, in one sentence.
    public var text: String
}

/// Why a rule is or is not recommended for a host: `recscan explain`'s answer.
public struct RuleExplanation: Sendable, Equatable {
    /// The answer in one word.
    public enum Answer: String, Sendable {
        /// Recommended: to assign, or already assigned.
        case recommended
        /// Not recommended because the host is patched.
        case patched
        /// Recommended, but an exclusion hides it.
        case excluded
        /// Not recommended: a criterion fails.
        case notRecommended = "not-recommended"
        /// The host has no usable inventory, so nothing can be matched.
        case notEvaluated = "not-evaluated"
        /// The rule is not in the catalog (it may still be assigned).
        case unknownRule = "unknown-rule"
    }

    /// The host, as the report names it.
    public var hostname: String
    /// How far the host could be analysed.
    public var status: HostStatus
    /// The computer's policy; `nil` when the fleet does not know the host.
    public var policyID: String?
    /// The computer's policy chain, root first.
    public var policyChain: [String]
    /// The rule asked about.
    public var ruleID: String
    /// The catalog's rule; `nil` when it is not in the catalog.
    public var rule: Rule?
    /// The answer in one word.
    public var answer: Answer
    /// The answer in one or two sentences.
    public var summary: String
    /// Every criterion, in the SPEC's order, each with every alternative checked.
    public var criteria: [CriterionCheck]
    /// The recommended rule that pulled this one in through `dependsOn`, if that is why it is recommended.
    public var neededBy: String?
    /// Every level with an override of the rule, nearest first, then the catalog flag.
    public var exclusions: [ExclusionCheck]
    /// The scan's result for the rule on the host; `nil` when it is neither recommended nor assigned.
    public var result: RuleResult?
    /// Levels where the rule is assigned, root policy first, the computer last.
    public var assignedAt: [Level]
    /// Whether the rule blocks traffic here and why.
    public var blocking: BlockingExplanation?
    /// Whether automatic application would add the rule.
    public var autoApplication: AutoApplicationExplanation?
    /// The host's audit findings about this rule.
    public var findings: [Finding]
}
