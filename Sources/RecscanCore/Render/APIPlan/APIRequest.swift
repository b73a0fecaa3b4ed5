/// One request of the API plan: what a person would otherwise click in the manager's console,
/// written as the Deep Security API call that does it. recscan never sends it.
struct APIRequest: Sendable, Equatable {
    /// The HTTP method: `POST` or `DELETE`.
    var method: String
    /// The path from the API root, e.g. `/api/policies/3/intrusionprevention/assignments/4002`.
    var path: String
    /// The JSON body, when the request takes one.
    var body: Body?
    /// The host the request is for, when it is for one host's sake.
    var host: String?
    /// The rule identifier the request is about.
    var rule: String?
    /// Why, in the operator's words.
    var why: String

    /// The bodies recscan writes, each the SDK model its endpoint takes.
    enum Body: Sendable, Equatable {
        /// `RuleIDs`: rules to assign.
        case ruleIDs([Int])
        /// `IntrusionPreventionRule` (or the module's): exclude from recommendations on a level.
        case recommendationsMode(String)
        /// `Policy` or `Computer` with the network engine mode its settings set.
        case engineMode(settings: String, value: String)

        /// The body as compact JSON.
        var json: String {
            switch self {
            case .ruleIDs(let ids): "{\"ruleIDs\":[\(ids.map(String.init).joined(separator: ","))]}"
            case .recommendationsMode(let mode): "{\"recommendationsMode\":\(APIPlanJSON.string(mode))}"
            case .engineMode(let settings, let value):
                "{\"\(settings)\":{\"firewallSettingNetworkEngineMode\":{\"value\":\(APIPlanJSON.string(value))}}}"
            }
        }
    }
}

/// The little JSON the plan needs: strings escaped as RFC 8259 says.
enum APIPlanJSON {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The plan as a JSON array, one request an element, steps numbered from 1.
    static func document(_ requests: [APIRequest]) -> String {
        guard !requests.isEmpty else { return "[]\n" }
        var lines: [String] = []
        for (index, request) in requests.enumerated() {
            var fields = [
                "\"step\": \(index + 1)", "\"method\": \(string(request.method))", "\"path\": \(string(request.path))",
            ]
            if let body = request.body { fields.append("\"body\": \(body.json)") }
            if let host = request.host { fields.append("\"host\": \(string(host))") }
            if let rule = request.rule { fields.append("\"rule\": \(string(rule))") }
            fields.append("\"why\": \(string(request.why))")
            lines.append("  {\n    " + fields.joined(separator: ",\n    ") + "\n  }")
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }
}
