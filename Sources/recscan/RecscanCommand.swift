import ArgumentParser

/// recscan's exit codes, as the SPEC lists them.
enum ExitStatus: Int32 {
    case done = 0
    case thresholdMet = 1
    case inputsRejected = 2
    case usage = 64
    case unusableInput = 65
    case internalError = 70
    case cannotWrite = 73
}

@main
struct RecscanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recscan",
        abstract:
            "Offline recommendation scans for a fleet: which security rules each host needs, what to unassign, what to audit.",
        subcommands: [
            ScanCommand.self, ExplainCommand.self, TriageCommand.self, ValidateCommand.self, SchemaCommand.self,
            MergeCommand.self,
        ],
        defaultSubcommand: ScanCommand.self)
}
