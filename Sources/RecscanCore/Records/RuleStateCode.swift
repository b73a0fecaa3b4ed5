/// What happens to a rule on a host (its outcome, apply class, manual reason and whether it
/// blocks) as one number below 256, each part in bits of its own:
///
/// ```
/// bit 7      blocks
/// bits 5-6   outcome
/// bits 3-4   apply class, 0 for none
/// bits 0-2   manual reason, 0 for none
/// ```
///
/// A record stores a rule's state so (one or two bytes, where it took four codes, each looked
/// up among its enumeration's cases on writing and reading), and report.xml's fragment memo
/// picks the tail of a rule's start tag by it (`RuleHead.shape`). The numbers are fixed here,
/// not taken from the order of cases: a new case is a new number and a new record version.
struct RuleStateCode: Equatable {
    /// The number, below 256.
    let value: Int

    init(outcome: Outcome, apply: ApplyClass?, reason: ManualReason?, blocks: Bool) {
        var value = blocks ? 1 : 0
        value = value << 2 | Self.number(outcome)
        value = value << 2 | Self.number(apply)
        value = value << 3 | Self.number(reason)
        self.value = value
    }

    /// The state `value` stands for.
    /// - Throws: `RecordError.malformed` when it stands for none.
    init(_ value: UInt64) throws {
        guard value < 256, value >> 3 & 3 < 3, value & 7 < 7 else {
            throw RecordError.malformed("unknown rule state \(value)")
        }
        self.value = Int(value)
    }

    var blocks: Bool { value >> 7 != 0 }

    var outcome: Outcome {
        switch value >> 5 & 3 {
        case 0: .toAssign
        case 1: .assigned
        case 2: .toUnassign
        default: .excluded
        }
    }

    var apply: ApplyClass? {
        switch value >> 3 & 3 {
        case 1: .auto
        case 2: .manual
        default: nil
        }
    }

    var reason: ManualReason? {
        switch value & 7 {
        case 1: .falsePositiveProne
        case 2: .lowConfidence
        case 3: .requiresConfiguration
        case 4: .mayAffectOperation
        case 5: .uncertainVersion
        case 6: .autoApplyOff
        default: nil
        }
    }

    private static func number(_ outcome: Outcome) -> Int {
        switch outcome {
        case .toAssign: 0
        case .assigned: 1
        case .toUnassign: 2
        case .excluded: 3
        }
    }

    private static func number(_ apply: ApplyClass?) -> Int {
        switch apply {
        case nil: 0
        case .auto?: 1
        case .manual?: 2
        }
    }

    private static func number(_ reason: ManualReason?) -> Int {
        switch reason {
        case nil: 0
        case .falsePositiveProne?: 1
        case .lowConfidence?: 2
        case .requiresConfiguration?: 3
        case .mayAffectOperation?: 4
        case .uncertainVersion?: 5
        case .autoApplyOff?: 6
        }
    }
}
