/// Serialized pieces a format keeps from host to host on one worker: each rule's identity (id,
/// module, name, severity, escaped once) by its ordinal in the run's catalog index
/// (`HostAnalysis.ruleOrdinals`), which names one rule throughout a run, and the few forms of
/// what happens to a rule (outcome, apply, reason, blocks).
///
/// Evidence is not kept across hosts: looking a piece up by value costs about a thousand
/// instructions of hashing, more than writing it again (see `SharedFacts` for one host's).
///
/// It keeps the first ``ruleLimit`` rules met and no more, so that it does not grow with the
/// rules a fleet needs (as `ReportFragmentMemo` is bounded): the rules most hosts share are met
/// first, and a rule met later is on few hosts, where writing it again costs little.
struct RenderMemo: Sendable {
    /// Rules kept at most: a few hundred kilobytes per worker and format.
    static let ruleLimit = 4096
    private var rules = NumberedSlots<[UInt8]>()
    private var keptRules = 0
    private var states = NumberedSlots<[UInt8]>()

    /// The bytes of the rule with `ordinal`, made by `make` the first time; made each time for
    /// a rule without one (-1: a rule read back that the catalog does not describe).
    mutating func rule(_ ordinal: Int, _ make: () -> [UInt8]) -> [UInt8] {
        if let known = rules[ordinal] { return known }
        let made = make()
        guard ordinal >= 0, keptRules < Self.ruleLimit else { return made }
        rules[ordinal] = made
        keptRules += 1
        return made
    }

    /// The bytes of `rule`'s outcome, apply class, reason and blocking, made by `make` the first
    /// time that combination comes up.
    mutating func state(of rule: RuleResultInPlace, _ make: () -> [UInt8]) -> [UInt8] {
        let key = Self.stateKey(rule)
        if let known = states[key] { return known }
        let made = make()
        states[key] = made
        return made
    }

    // `allCases` of an enum is computed: a new array at every use.
    private static let outcomes = Outcome.allCases
    private static let applyClasses = ApplyClass.allCases
    private static let reasons = ManualReason.allCases

    private static func stateKey(_ rule: RuleResultInPlace) -> Int {
        stateNumber(outcome: rule.outcome, apply: rule.apply, reason: rule.reason, blocks: rule.blocks)
    }

    /// A number for each combination of outcome, apply class (or none), reason (or none) and
    /// blocking, small and dense: a list indexed by it finds a state's rendering without hashing.
    static func stateNumber(outcome: Outcome, apply: ApplyClass?, reason: ManualReason?, blocks: Bool) -> Int {
        let outcome = outcomes.firstIndex(of: outcome) ?? 0
        let apply = apply.flatMap { applyClasses.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        let reason = reason.flatMap { reasons.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        return ((outcome * (applyClasses.count + 1) + apply) * (reasons.count + 1) + reason) * 2 + (blocks ? 1 : 0)
    }
}

/// The rendering of the evidence that many rules of one host share: its OS, each application
/// type detected on it, "no criteria". There are a few such facts per host and most rules
/// carry one, so a short list compared by value (`==`, fast on the very same strings) finds
/// them for a fraction of what writing them costs. Other evidence is rendered each time.
struct SharedFacts {
    /// Facts kept at most.
    private static let capacity = 16
    private var entries: [(fact: Evidence, bytes: [UInt8])] = []

    /// Whether `fact` is of a kind that rules share.
    static func isShared(_ fact: Evidence) -> Bool {
        switch fact.kind {
        case .os, .applicationType, .always: true
        default: false
        }
    }

    /// The bytes of `fact` (of a shared kind), made by `make` the first time on this host.
    mutating func bytes(of fact: Evidence, _ make: () -> [UInt8]) -> [UInt8] {
        if let known = entries.first(where: { $0.fact == fact }) { return known.bytes }
        let made = make()
        if entries.count < Self.capacity { entries.append((fact, made)) }
        return made
    }
}
