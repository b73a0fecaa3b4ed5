import Foundation

/// The base score of a CVSS 3.0 or 3.1 vector (`CVSS:3.1/AV:N/AC:L/...`), as the specification's
/// formulas compute it, and the severity rating it falls in.
enum CVSSScore {
    /// The base score, 0.0 to 10.0; `nil` when `vector` is not a complete CVSS 3 base vector.
    static func baseScore(_ vector: String) -> Double? {
        let parts = vector.split(separator: "/")
        guard let version = parts.first, version == "CVSS:3.1" || version == "CVSS:3.0" else { return nil }
        var metrics: [Substring: Substring] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            metrics[pair[0]] = pair[1]
        }
        let changed = metrics["S"] == "C"
        guard metrics["S"] == "U" || changed,
            let attackVector = weight(metrics["AV"], ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2]),
            let complexity = weight(metrics["AC"], ["L": 0.77, "H": 0.44]),
            let privileges = weight(
                metrics["PR"], changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27]),
            let interaction = weight(metrics["UI"], ["N": 0.85, "R": 0.62]),
            let confidentiality = weight(metrics["C"], impacts), let integrity = weight(metrics["I"], impacts),
            let availability = weight(metrics["A"], impacts)
        else { return nil }
        let subScore = 1 - (1 - confidentiality) * (1 - integrity) * (1 - availability)
        let impact = changed ? 7.52 * (subScore - 0.029) - 3.25 * pow(subScore - 0.02, 15) : 6.42 * subScore
        let exploitability = 8.22 * attackVector * complexity * privileges * interaction
        guard impact > 0 else { return 0 }
        return roundUp(min((changed ? 1.08 : 1) * (impact + exploitability), 10))
    }

    /// The qualitative rating of a score: low below 4, medium below 7, high below 9, else critical.
    static func severity(_ score: Double) -> Severity {
        switch score {
        case ..<4: .low
        case ..<7: .medium
        case ..<9: .high
        default: .critical
        }
    }

    private static let impacts: [Substring: Double] = ["H": 0.56, "L": 0.22, "N": 0]

    private static func weight(_ value: Substring?, _ weights: [Substring: Double]) -> Double? {
        value.flatMap { weights[$0] }
    }

    /// CVSS 3.1's Roundup: the smallest number with one decimal at or above `value`, computed on
    /// integers so that floating point does not round 4.0 up to 4.1.
    private static func roundUp(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        return scaled % 10_000 == 0 ? Double(scaled) / 100_000 : Double(scaled / 10_000 + 1) / 10
    }
}
