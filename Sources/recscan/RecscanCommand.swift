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
        subcommands: [
            ScanCommand.self, ExplainCommand.self, TriageCommand.self, ValidateCommand.self, SchemaCommand.self,
            MergeCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: ScanCommand.self)
}
