import ArgumentParser
import RecscanCore

/// `--fail-on`: the conditions that make a finished scan exit 1, for scheduled jobs that must page
/// someone. Several may be given, comma-separated or repeated; any one met is enough.
enum FailThreshold: String, CaseIterable {
    /// Some rule is recommended and not assigned (automatically or not).
    case toAssign = "to-assign"
    /// Some recommended rule waits for a person's decision.
    case manual
    /// Some finding is high (or critical).
    case findingHigh = "finding-high"
    /// Some installed package is affected by an advisory that no rule covers (`--advisories`).
    case uncovered

    /// Parses `--fail-on` values: each may hold several names separated by commas.
    static func parse(_ values: [String]) throws -> [FailThreshold] {
        try values.flatMap { $0.split(separator: ",") }.map { name in
            guard let threshold = FailThreshold(rawValue: String(name)) else {
                throw ValidationError(
                    "unknown --fail-on '\(name)'; use \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return threshold
        }
    }

    /// How many things in the result meet the threshold.
    func count(in result: ScanResult) -> Int {
        switch self {
        case .toAssign: result.summary.toAssign
        case .manual: result.summary.manual
        case .findingHigh: result.highFindings
        case .uncovered: result.uncoveredVulnerabilities
        }
    }

    /// The threshold met, in words, e.g. "--fail-on manual: 33 recommended rules wait for a decision".
    func message(count: Int) -> String {
        switch self {
        case .toAssign: "--fail-on to-assign: \(count) recommended rule(s) are not assigned"
        case .manual: "--fail-on manual: \(count) recommended rule(s) wait for a person's decision"
        case .findingHigh: "--fail-on finding-high: \(count) finding(s) of high severity"
        case .uncovered: "--fail-on uncovered: \(count) vulnerable package(s) that no rule protects"
        }
    }
}
