#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of every rule page (one per rule and host), kept in a scratch file instead of in
/// memory: a fleet has hundreds of rows per host, so in memory they grew with the fleet.
///
/// Each row is a fixed-size record of numbers: the rule's ordinal, the host's position, and the
/// outcome's fields, with the lists of levels and the exclusions interned (a fleet has few of
/// either). ``rows(of:)`` reads the file back once per batch of rules, in host order.
///
/// Only the writer that records rows may use it: copies share the scratch file.
struct RuleRowStore: Sendable {
    private var file: ScratchFile
    private var levelLists: [[Level]] = [[]]
    private var levelListNumbers: [[Level]: UInt32] = [[]: 0]
    private var exclusions: [ExclusionBox] = []

    /// Bytes per row: rule, host, levels, exclusion, flags, each a 32-bit number.
    private static let recordSize = 20
    /// Records written to the file at a time.
    private static let batchRecords = 16_384

    init(path: String) { file = ScratchFile(path: path) }

    /// The scratch file, inside the run folder; ``remove()`` deletes it before the folder is done.
    var path: String { file.path }

    /// Appends one row of the rule numbered `rule`; `exclusion` is a number from ``number(of:)``.
    mutating func append(rule: Int, _ row: RuleHostRow, exclusion: Int?) throws {
        let levels: UInt32
        if row.assignedAt.isEmpty {
            levels = 0  // most rows: numbered first, see `levelLists`
        } else if let known = levelListNumbers[row.assignedAt] {
            levels = known
        } else {
            levels = UInt32(levelLists.count)
            levelListNumbers[row.assignedAt] = levels
            levelLists.append(row.assignedAt)
        }
        let record = (
            UInt32(rule).littleEndian, UInt32(row.host).littleEndian, levels.littleEndian,
            (exclusion.map { UInt32($0 + 1) } ?? 0).littleEndian, Self.flags(row).littleEndian
        )
        // Five 32-bit numbers side by side: the tuple is laid out as the record is.
        assert(MemoryLayout.size(ofValue: record) == Self.recordSize)
        withUnsafeBytes(of: record) { file.append($0) }
        if file.pending.count >= Self.batchRecords * Self.recordSize { try file.flush() }
    }

    /// Remembers a shared exclusion box and returns its number for ``append(rule:_:exclusion:)``.
    mutating func number(of box: ExclusionBox) -> Int {
        exclusions.append(box)
        return exclusions.count - 1
    }

    /// The exclusion box numbered `number`.
    func box(_ number: Int) -> ExclusionBox? { exclusions.indices.contains(number) ? exclusions[number] : nil }

    /// The rows of each rule numbered in `rules`, in host order: the file is read once.
    func rows(of rules: [Int]) throws -> [Int: [RuleHostRow]] {
        // Rule numbers are dense: a list by number finds a record's rule without hashing.
        var slots = [Int](repeating: -1, count: (rules.max() ?? -1) + 1)
        for (slot, rule) in rules.enumerated() where rule >= 0 { slots[rule] = slot }
        var rows = [[RuleHostRow]](repeating: [], count: rules.count)
        try readRecords { record in
            let rule = Int(record.rule)
            guard rule < slots.count, slots[rule] >= 0 else { return }
            rows[slots[rule]].append(decode(record))
        }
        var found: [Int: [RuleHostRow]] = [:]
        for (slot, rule) in rules.enumerated() { found[rule] = rows[slot] }
        return found
    }

    /// One row as stored: five 32-bit numbers.
    private struct Record {
        var rule: UInt32
        var host: UInt32
        var levels: UInt32
        var exclusion: UInt32
        var flags: UInt32
    }

    /// Writes the records not written yet to the scratch file.
    mutating func flush() throws { try file.flush() }

    /// Closes and deletes the scratch file.
    mutating func remove() { file.remove() }

    private func readRecords(_ visit: (Record) -> Void) throws {
        func visitAll(_ bytes: UnsafeRawBufferPointer) {
            var offset = 0
            func field(_ index: Int) -> UInt32 {
                UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + index * 4, as: UInt32.self))
            }
            while offset + Self.recordSize <= bytes.count {
                visit(Record(rule: field(0), host: field(1), levels: field(2), exclusion: field(3), flags: field(4)))
                offset += Self.recordSize
            }
        }
        if file.descriptor >= 0 {
            let input = open(path, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw HTMLWriteError(path: path, message: HTMLOutput.errorText()) }
            defer { _ = close(input) }
            var block = [UInt8](repeating: 0, count: Self.batchRecords * Self.recordSize)
            while true {
                let filled = try HTMLOutput.readFull(into: &block, from: input, path: path)
                block.withUnsafeBytes { visitAll(UnsafeRawBufferPointer(rebasing: $0.prefix(filled))) }
                if filled < block.count { break }
            }
        }
        file.pending.withUnsafeBytes { visitAll($0) }
    }

    private static let outcomes = Outcome.allCases
    private static let reasons = ManualReason.allCases

    private func decode(_ record: Record) -> RuleHostRow {
        let flags = record.flags
        let outcomes = Self.outcomes
        let reasons = Self.reasons
        let outcome = Int(flags & 0x3) < outcomes.count ? outcomes[Int(flags & 0x3)] : .toAssign
        let apply: ApplyClass? =
            switch (flags >> 2) & 0x3 {
            case 1: .auto
            case 2: .manual
            default: nil
            }
        let reasonNumber = Int((flags >> 4) & 0xF)
        let reason = reasonNumber > 0 && reasonNumber <= reasons.count ? reasons[reasonNumber - 1] : nil
        let levels = Int(record.levels) < levelLists.count ? levelLists[Int(record.levels)] : []
        let exclusion =
            record.exclusion > 0 && Int(record.exclusion) <= exclusions.count
            ? exclusions[Int(record.exclusion) - 1] : nil
        return RuleHostRow(
            host: Int(record.host), outcome: outcome, apply: apply, reason: reason, blocks: flags & 0x100 != 0,
            assignedByHand: flags & 0x200 != 0, assignedAt: levels, exclusion: exclusion)
    }

    /// Outcome (2 bits), apply class (2), manual reason (4), blocks, assigned by hand.
    private static func flags(_ row: RuleHostRow) -> UInt32 {
        let outcome = UInt32(outcomes.firstIndex(of: row.outcome) ?? 0)
        let apply: UInt32 =
            switch row.apply {
            case .auto: 1
            case .manual: 2
            case nil: 0
            }
        let reason = row.reason.flatMap { reasons.firstIndex(of: $0) }.map { UInt32($0 + 1) } ?? 0
        return outcome | apply << 2 | reason << 4 | (row.blocks ? 0x100 : 0) | (row.assignedByHand ? 0x200 : 0)
    }
}

extension RuleHostRow {
    /// A row read back from ``RuleRowStore``.
    init(
        host: Int, outcome: Outcome, apply: ApplyClass?, reason: ManualReason?, blocks: Bool, assignedByHand: Bool,
        assignedAt: [Level], exclusion: ExclusionBox?
    ) {
        self.host = host
        self.outcome = outcome
        self.apply = apply
        self.reason = reason
        self.blocks = blocks
        self.assignedByHand = assignedByHand
        self.assignedAt = assignedAt
        self.exclusion = exclusion
    }
}
