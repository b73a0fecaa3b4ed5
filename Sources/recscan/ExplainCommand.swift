import ArgumentParser
import RecscanCore

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why a rule is or is not recommended for a host, where it is assigned and excluded.",
        discussion: """
            Every criterion is checked with the inventory evidence that met or failed it; then the \
            exclusions from the computer up to the catalog, every level where the rule is assigned, whether it \
            blocks there, and whether automatic application would add it. Exit status: 0 answered; 2 answered, \
            but the host's inventory could not be read; 64 unknown host or rule, or a usage error; 65 the \
            catalog or fleet file is unusable.

            Examples:
              recscan explain --as-of 2026-11-29 --host web02 --rule 1000763
              recscan explain --host db01 --rule 1008610 --format xml --inventories /srv/inventories
            """)

    @OptionGroup var inputs: InputOptions
    @Option(help: "The host, as the inventories or the fleet name it (case-insensitive).")
    var host: String
    @Option(help: "The rule id, e.g. 1000763.")
    var rule: String
    @Option(help: "Output format: text or xml.")
    var format = AnswerFormat.text

    func run() async throws {
        let (options, loaded) = try await inputs.load()
        guard let input = loaded.host(named: host) else {
            Terminal.error("recscan: no host \(host) in the inventories or the fleet")
            throw Terminal.exit(.usage)
        }
        let explainer = Explainer(
            catalog: loaded.catalog, fleet: loaded.fleet, referenceTime: options.referenceTime,
            maxAgeDays: options.maxAgeDays, uncovered: loaded.uncovered)
        let explanation = explainer.explain(input, ruleID: rule)
        if explanation.answer == .unknownRule && explanation.assignedAt.isEmpty {
            Terminal.error("recscan: no rule \(rule) in the catalog (version \(loaded.catalog.version))")
            throw Terminal.exit(.usage)
        }
        switch format {
        case .text: print(ExplanationText.render(explanation), terminator: "")
        case .xml:
            do {
                print(try ExplanationXML.render(explanation), terminator: "")
            } catch {
                Terminal.error("recscan: internal error: \(error)")
                throw Terminal.exit(.internalError)
            }
        }
        if explanation.status == .error { throw Terminal.exit(.inputsRejected) }
    }
}
