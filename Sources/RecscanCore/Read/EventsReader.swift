/// Reads false-positive events: native XML (`urn:recscan:events:1`) or the console's CSV export
/// (`Time,Computer,Reason,Action`, Reason being "1000763 - URI Length And Depth Restriction").
public enum EventsReader {
    /// The events format's XML namespace, `urn:recscan:events:1`.
    public static let namespace = "urn:recscan:events:1"
    static let csvHeader = "Time,Computer,Reason,Action"

    /// Reads native XML events.
    public static func readXML(path: String, displayName: String, limits: InputLimits = .standard) throws
        -> [SecurityEvent]
    {
        var events: [SecurityEvent] = []
        var problems: [InputError] = []
        var parseError: InputError?
        do {
            try XMLStreamReader.read(path: path, displayName: displayName, limits: limits) { event in
                guard case .start(let element) = event else { return }
                let attributes = ElementAttributes(element: element, file: displayName)
                if element.depth == 0 {
                    try expectRoot(element, name: "events", namespace: namespace, file: displayName)
                    return
                }
                guard element.localName == "event", element.namespace == namespace else { return }
                do {
                    let time = try attributes.required("time")
                    guard Timestamps.epochSeconds(dateTime: time) != nil else {
                        throw attributes.error("time=\"\(time)\" is not an ISO 8601 date and time")
                    }
                    var event = SecurityEvent(
                        time: time, hostname: try attributes.required("hostname"),
                        ruleID: try attributes.required("rule"),
                        action: try attributes.required("action"))
                    if let raw = attributes.optional("count") {
                        guard let count = Int(raw), count > 0 else {
                            throw attributes.error("count=\"\(raw)\" on <event> must be a positive whole number")
                        }
                        event.count = count
                    }
                    events.append(event)
                } catch let error as InputError {
                    problems.append(error)
                }
            }
        } catch let error as InputError {
            parseError = error
        }
        if let parseError { problems.append(parseError) }
        guard problems.isEmpty else { throw InputErrors(problems) }
        return events
    }

    /// Reads the CSV export. Quoted fields with commas and doubled quotes are supported.
    public static func readCSV(text: String, displayName: String) throws -> [SecurityEvent] {
        var events: [SecurityEvent] = []
        var problems: [InputError] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            if lineNumber == 1 || line.trimmingWhitespace.isEmpty { continue }
            let fields = csvFields(String(line))
            guard fields.count >= 4 else {
                problems.append(
                    InputError(
                        file: displayName, line: lineNumber,
                        message: "has \(fields.count) fields, expected 4 (\(csvHeader))"))
                continue
            }
            let reason = fields[2].trimmingWhitespace
            let ruleID = reason.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            guard !ruleID.isEmpty, !fields[1].trimmingWhitespace.isEmpty else {
                problems.append(InputError(file: displayName, line: lineNumber, message: "has no computer or rule"))
                continue
            }
            events.append(
                SecurityEvent(
                    time: fields[0].trimmingWhitespace, hostname: fields[1].trimmingWhitespace, ruleID: ruleID,
                    action: fields[3].trimmingWhitespace))
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        return events
    }

    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
