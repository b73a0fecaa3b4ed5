import ArgumentParser
import Foundation
import RecscanCore

struct TriageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "False-positive remediation plans from events, one per computer and rule.",
        discussion: """
            Reads the events (native XML or the console's CSV export) with the inventories, the catalog and the \
            fleet, and prints the operator's plan for each computer and rule: whether traffic was blocked, tap \
            mode, patch first, every level to unassign (policies first) with the other computers each change \
            touches, whether an exclusion is needed and where, what to watch, the engine mode to restore and the \
            manual-assignment review. Exit status: 0 done; 2 done, but events were rejected or a computer with \
            events has no readable inventory; 64 no events found, or a usage error; 65 the catalog or fleet file \
            is unusable.
            """)

    @OptionGroup var inputs: InputOptions
    @Option(help: "Only this computer's plans.")
    var host: String?
    @Option(help: "Only this rule's plans.")
    var rule: String?
    @Option(help: "Output format: text, xml, or api (the plans' Deep Security API requests; needs --ds-export).")
    var format = TriageFormat.text

    /// How the plans are printed.
    enum TriageFormat: String, ExpressibleByArgument, CaseIterable {
        case text, xml, api
    }

    func validate() throws {
        if format == .api, inputs.dsExport == nil {
            throw ValidationError("--format api writes Deep Security API requests: it needs --ds-export")
        }
    }

    func run() async throws {
        let (options, loaded) = try await inputs.load()
        guard !loaded.events.isEmpty || loaded.rejected.contains(where: isEvents) else {
            Terminal.error("recscan: no events found; name the events file with --events")
            throw Terminal.exit(.usage)
        }
        let plans = TriageRun.plans(
            loaded, referenceTime: options.referenceTime, maxAgeDays: options.maxAgeDays, hostname: host,
            ruleID: rule)
        switch format {
        case .text: print(TriageRun.text(plans), terminator: "")
        case .api: print(TriageRun.apiRequests(plans, fleet: loaded.fleet) ?? "[]\n", terminator: "")
        case .xml:
            do {
                print(
                    try TriageRun.xml(
                        plans, catalogVersion: loaded.catalog.version, referenceTime: options.referenceTime),
                    terminator: "")
            } catch {
                Terminal.error("recscan: internal error: \(error)")
                throw Terminal.exit(.internalError)
            }
        }
        if plans.isEmpty { Terminal.error("recscan: no events match") }
        let rejectedEvents = loaded.rejected.filter(isEvents)
        for rejected in rejectedEvents { Terminal.error("rejected \(Terminal.describe(rejected))") }
        let unreadable = loaded.hosts.filter { !$0.events.isEmpty && !$0.errors.isEmpty }
        for input in unreadable { Terminal.error("recscan: \(input.hostname) has events but no readable inventory") }
        if !rejectedEvents.isEmpty || !unreadable.isEmpty { throw Terminal.exit(.inputsRejected) }
    }

    /// Whether a rejected input is (part of) an events file, recognized by content as a scan does.
    private func isEvents(_ rejected: RejectedInput) -> Bool {
        switch InputDiscovery.classify(path: rejected.file) {
        case .eventsXML, .eventsCSV: true
        default: false
        }
    }
}
