/// Appends the primitive values of a host record: LEB128 unsigned integers, strings as their
/// UTF-8 length and bytes, enumerations as small codes. The bytes go through a `RenderBuffer`
/// (a pointer and a capacity check an append, where an array's append also checked that its
/// storage was unique), in the memory of the array the record is handed over in.
struct RecordWriter: ~Copyable {
    private(set) var bytes: RenderBuffer

    /// A writer into `memory`, uninitialized (see `RenderBuffer.init(writingInto:)`).
    init(writingInto memory: UnsafeMutableBufferPointer<UInt8>) { bytes = RenderBuffer(writingInto: memory) }

    /// Ends the record: see `RenderBuffer.finish(initialized:)`.
    consuming func finish(initialized: inout Int) -> [UInt8]? { bytes.finish(initialized: &initialized) }

    /// Runs `body` with the bytes written so far, which it may change in place.
    mutating func withMutableBytes<Result>(_ body: (UnsafeMutableBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withMutableBytes(body)
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func unsigned(_ value: UInt64) {
        // Most are codes, counts and short lengths: one byte.
        guard value >= 0x80 else { return bytes.append(UInt8(value)) }
        var value = value
        bytes.reserve(10)
        while value >= 0x80 {
            bytes.unchecked(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.unchecked(UInt8(value))
    }

    mutating func count(_ value: Int) { unsigned(UInt64(max(0, value))) }

    /// A signed integer, zigzag-coded so that small negative numbers stay short.
    mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) { append(value, lengthBias: 0) }

    /// An optional string: 0 for none, else the length plus one and the bytes.
    mutating func optional(_ value: String?) {
        guard let value else { return bytes.append(0) }
        append(value, lengthBias: 1)
    }

    /// The length of `value`'s UTF-8 plus `lengthBias`, then the bytes, read in place when the
    /// string stores them contiguously (native strings do), else from a copy. What a report
    /// cannot carry is replaced here, once for every output format (`ReportText`).
    private mutating func append(_ value: String, lengthBias: Int) {
        let inPlace: Bool? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            guard ReportText.isWritable(utf8) else { return false }
            count(utf8.count + lengthBias)
            bytes.append(utf8)
            return true
        }
        guard inPlace != true else { return }
        var copy = ReportText.writable(value)
        copy.withUTF8 { utf8 in
            count(utf8.count + lengthBias)
            bytes.append(utf8)
        }
    }

    /// An enumeration case by its position in `recordCases`.
    mutating func code<Value: RecordEnum>(_ value: Value) {
        count(Self.position(of: value))
    }

    /// An optional enumeration case: 0 for none, else its position plus one.
    mutating func optionalCode<Value: RecordEnum>(_ value: Value?) {
        guard let value else { return bytes.append(0) }
        count(Self.position(of: value) + 1)
    }

    /// Where `value` is in `recordCases`, by a loop the compiler inlines (a call to the generic
    /// `firstIndex(of:)` per code cost a visible part of writing a record).
    @inline(__always)
    private static func position<Value: RecordEnum>(of value: Value) -> Int {
        let cases = Value.recordCases
        var position = 0
        while position < cases.count, cases[position] != value { position += 1 }
        return position < cases.count ? position : 0
    }
}

/// Reads what `RecordWriter` wrote, checking every length against the bytes left: a damaged
/// record is an error, never a crash or an unbounded allocation.
struct RecordReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// A reader of the bytes at `range` alone (a range this reader returned), at its start;
    /// positions stay this reader's.
    func reader(for range: Range<Int>) -> RecordReader {
        var reader = RecordReader(UnsafeBufferPointer(rebasing: bytes[..<range.upperBound]))
        reader.position = range.lowerBound
        return reader
    }

    var isAtEnd: Bool { position == bytes.count }
    private var remaining: Int { bytes.count - position }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw RecordError.truncated }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func unsigned() throws -> UInt64 {
        // Most are codes, counts and short lengths: one byte.
        if position < bytes.count, bytes[position] < 0x80 {
            defer { position += 1 }
            return UInt64(bytes[position])
        }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64, shift < 63 || next <= 1 else { throw RecordError.malformed("an integer is too long") }
            value |= UInt64(next & 0x7f) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func signed() throws -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A count of items that each take at least `minimumBytes`, so a damaged count cannot make
    /// a reader reserve more than the record could hold.
    mutating func count(minimumBytes: Int = 1) throws -> Int {
        try bounded(try unsigned(), minimumBytes: minimumBytes)
    }

    /// `value`, a count read some other way, checked as `count(minimumBytes:)` checks its own.
    func bounded(_ value: UInt64, minimumBytes: Int) throws -> Int {
        guard value <= UInt64(remaining / max(1, minimumBytes)) else {
            throw RecordError.malformed("a count is too large")
        }
        return Int(value)
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw RecordError.malformed("a flag is neither 0 nor 1")
        }
    }

    mutating func string() throws -> String {
        let length = try count()
        return take(length)
    }

    mutating func optional() throws -> String? {
        let length = try unsigned()
        guard length > 0 else { return nil }
        guard length - 1 <= UInt64(remaining) else { throw RecordError.truncated }
        return take(Int(length - 1))
    }

    /// A string's bytes, in place: valid as long as the record's bytes are.
    mutating func stringBytes() throws -> Range<Int> {
        let length = try count()
        defer { position += length }
        return position..<position + length
    }

    /// The record's bytes at `range` (one that this reader returned), in place.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// Moves past a string, or an optional string's none.
    mutating func skipString(optional: Bool = false) throws {
        let length = try unsigned()
        guard !optional || length > 0 else { return }
        let bytes = length - (optional ? 1 : 0)
        guard bytes <= UInt64(remaining) else { throw RecordError.truncated }
        position += Int(bytes)
    }

    private mutating func take(_ length: Int) -> String {
        defer { position += length }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
    }

    mutating func code<Value: RecordEnum>(_: Value.Type) throws -> Value {
        let cases = Value.recordCases
        let value = try unsigned()
        guard value < UInt64(cases.count) else { throw RecordError.malformed("unknown \(Value.self) code") }
        return cases[Int(value)]
    }

    mutating func optionalCode<Value: RecordEnum>(_: Value.Type) throws -> Value? {
        let cases = Value.recordCases
        let value = try unsigned()
        guard value > 0 else { return nil }
        guard value <= UInt64(cases.count) else { throw RecordError.malformed("unknown \(Value.self) code") }
        return cases[Int(value - 1)]
    }
}

/// Why a host record could not be read back.
enum RecordError: Error, Equatable, CustomStringConvertible {
    case truncated
    case badFrame(String)
    case malformed(String)

    var description: String {
        switch self {
        case .truncated: "the host record ends early"
        case .badFrame(let why): "the host record's frame is damaged: \(why)"
        case .malformed(let why): "the host record is damaged: \(why)"
        }
    }
}

/// An enumeration written in records as its position among `recordCases`, a list made once (a
/// synthesized `allCases` is a new array at every use). Appending a case at the end keeps old
/// codes; any other change to the list is a new record version.
protocol RecordEnum: Equatable {
    static var recordCases: [Self] { get }
}

extension Outcome: RecordEnum { static let recordCases = allCases }
extension Ecosystem: RecordEnum { static let recordCases = allCases }
extension ApplyClass: RecordEnum { static let recordCases = allCases }
extension ManualReason: RecordEnum { static let recordCases = allCases }
extension Module: RecordEnum { static let recordCases = allCases }
extension Severity: RecordEnum { static let recordCases = allCases }
extension HostStatus: RecordEnum { static let recordCases = allCases }
extension Level.Kind: RecordEnum { static let recordCases = allCases }
extension Evidence.Kind: RecordEnum { static let recordCases = allCases }
extension FindingKind: RecordEnum { static let recordCases = allCases }
extension EngineModeSetting: RecordEnum { static let recordCases = allCases }
extension BehaviorSetting: RecordEnum { static let recordCases = allCases }
extension RuleChange.Kind: RecordEnum { static let recordCases = allCases }
extension FindingChange.Kind: RecordEnum { static let recordCases = allCases }
