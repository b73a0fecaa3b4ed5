/// Finds, without building the document, what a JSON file looks like at its top: the members of a
/// top-level object (with their string values) or the member names of a top-level array's first
/// element. Fed in chunks, it stops as soon as the shape is known, so recognizing a large SBOM
/// costs one pass at most and constant memory.
struct JSONShapeScanner {
    enum Top: Equatable {
        case unknown, object, array, other
    }

    private(set) var top: Top = .unknown
    /// Members of the first top-level object; the value is the string value, or "" for other values.
    private(set) var members: [String: String] = [:]
    /// Member names of the first element of a top-level array.
    private(set) var firstElementMembers: Set<String> = []
    /// Whether scanning can stop: the shape is known.
    private(set) var finished = false

    private var stack: [UInt8] = []
    private var inString = false
    private var escaped = false
    private var capture: [UInt8]?
    private var captureRole = Role.none
    private var expectingKey = false
    private var pendingKey: String?
    private var topElementIndex = 0

    private enum Role {
        case none, topKey, topValue, rowKey
    }

    /// The member names whose presence settles the format.
    static let decisiveMembers: Set<String> = ["bomFormat", "spdxVersion", "hostIdentifier"]

    mutating func feed<Bytes: Collection<UInt8>>(_ chunk: Bytes) {
        for byte in chunk {
            if finished { return }
            if inString {
                scanString(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): startString()
            case UInt8(ascii: "{"), UInt8(ascii: "["): open(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): close()
            case UInt8(ascii: ","):
                if stack.last == UInt8(ascii: "{") { expectingKey = true }
                if stack.count == 1, stack.first == UInt8(ascii: "[") {
                    topElementIndex += 1
                    finished = true
                }
            case UInt8(ascii: ":"): expectingKey = false
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"), 0xEF, 0xBB, 0xBF:
                break
            default:
                if stack.isEmpty {
                    top = .other
                    finished = true
                } else if stack.count == 1, let key = pendingKey {
                    members[key] = ""
                    pendingKey = nil
                }
            }
        }
    }

    private mutating func startString() {
        inString = true
        captureRole = .none
        if stack == [UInt8(ascii: "{")] {
            captureRole = expectingKey ? .topKey : (pendingKey != nil ? .topValue : .none)
        } else if stack == [UInt8(ascii: "["), UInt8(ascii: "{")], topElementIndex == 0, expectingKey {
            captureRole = .rowKey
        }
        capture = captureRole == .none ? nil : []
    }

    private mutating func scanString(_ byte: UInt8) {
        if escaped {
            escaped = false
            capture?.append(byte)
            return
        }
        switch byte {
        case UInt8(ascii: "\\"): escaped = true
        case UInt8(ascii: "\""):
            inString = false
            endString()
        default:
            if let count = capture?.count, count < 256 { capture?.append(byte) }
        }
    }

    private mutating func endString() {
        let text = capture.map { String(decoding: $0, as: UTF8.self) } ?? ""
        switch captureRole {
        case .topKey:
            members[text] = members[text] ?? ""
            pendingKey = text
            expectingKey = false
        case .topValue:
            if let key = pendingKey {
                members[key] = text
                if Self.decisiveMembers.contains(key), !text.isEmpty { finished = true }
            }
            pendingKey = nil
        case .rowKey:
            firstElementMembers.insert(text)
            expectingKey = false
        case .none:
            break
        }
        capture = nil
    }

    private mutating func open(_ byte: UInt8) {
        if stack.isEmpty { top = byte == UInt8(ascii: "{") ? .object : .array }
        if stack.count == 1, let key = pendingKey {
            members[key] = ""
            pendingKey = nil
        }
        stack.append(byte)
        expectingKey = byte == UInt8(ascii: "{")
    }

    private mutating func close() {
        _ = stack.popLast()
        expectingKey = false
        if stack.isEmpty { finished = true }
        if stack.count == 1, stack.first == UInt8(ascii: "["), !firstElementMembers.isEmpty { finished = true }
    }
}
