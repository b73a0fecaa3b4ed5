import ArgumentParser
import Foundation
import RecscanCore

/// recscan's exit codes, as the SPEC lists them.
enum ExitStatus: Int32 {
    case done = 0
    case thresholdMet = 1
    case inputsRejected = 2
    case usage = 64
    case unusableInput = 65
    /// The inventories folder holds no inventory (sysexits' EX_NOINPUT), unless `--allow-empty`.
    case noInventories = 66
    case internalError = 70
    case cannotWrite = 73
    /// Another run is writing to the same output folder (sysexits' EX_TEMPFAIL: try again later).
    case busy = 75
    /// Stopped by SIGINT (128 + 2) or SIGTERM (128 + 15), as shells report it.
    case interrupted = 130
    case terminated = 143
}

@main
struct RecscanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recscan",
        abstract:
            "Offline recommendation scans for a fleet: which security rules each host needs, what to unassign, what to audit.",
        discussion: """
            Without a subcommand, recscan runs scan. The reference time for staleness and expiry is --as-of, \
            else the environment variable SOURCE_DATE_EPOCH (seconds since 1970), else now; it changes results.
            """,
        version: VersionText.line,
        subcommands: [
            ScanCommand.self, ExplainCommand.self, TriageCommand.self, RulesCommand.self, ValidateCommand.self,
            SchemaCommand.self, PartitionCommand.self, MergeCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: ScanCommand.self)

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--version" {
            print(VersionText.full)
            return
        }
        // scan takes no bare words, so a first bare word is a subcommand name, maybe misspelt;
        // ArgumentParser would report it as an argument of the default subcommand.
        if let first = arguments.first, !first.hasPrefix("-"), !subcommandNames.contains(first) {
            let suggestion = Suggestion.closest(to: first, among: subcommandNames).map { "; did you mean '\($0)'?" }
            Terminal.error(
                "recscan: unknown command '\(first)'\(suggestion ?? "") (commands: \(subcommandNames.joined(separator: ", ")))"
            )
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        await Self.main(arguments)
    }

    static var subcommandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }
}

/// `recscan --version`.
enum VersionText {
    static let number = "0.9.0"
    static let line = "recscan \(number)"
    /// The tool's version and the bundled catalog's.
    static var full: String {
        let catalog =
            (try? CatalogReader.read(bytes: BundledCatalog.bytes, displayName: BundledCatalog.displayName))
            .map { "bundled catalog \($0.version), \($0.rules.count) rules" } ?? "bundled catalog unreadable"
        return "\(line) (\(catalog))"
    }
}

/// The nearest of some names to a misspelt one, by edit distance.
enum Suggestion {
    static func closest(to word: String, among names: [String]) -> String? {
        let scored = names.map { ($0, distance(Array(word.lowercased()), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance, with a transposition counted as one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
