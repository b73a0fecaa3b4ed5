import ArgumentParser
import Foundation
import RecscanCore

/// Progress and logs go to stderr; results go to stdout.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func exit(_ status: ExitStatus) -> ExitCode {
        ExitCode(status.rawValue)
    }

    /// Prints a failure that kept a command from producing anything and gives its exit status.
    static func fail(_ failure: ScanFailure) -> ExitCode {
        error("recscan: \(failure.description)")
        switch failure {
        case .unusableInput: return exit(.unusableInput)
        case .usage: return exit(.usage)
        case .output: return exit(.cannotWrite)
        case .busy: return exit(.busy)
        case .noInventories: return exit(.noInventories)
        }
    }

    /// A rejected input as one line: `file:line:column: reason`.
    static func describe(_ rejected: RejectedInput) -> String {
        let position = [rejected.line, rejected.column].compactMap { $0 }.map(String.init).joined(separator: ":")
        return "\(rejected.file)\(position.isEmpty ? "" : ":" + position): \(rejected.reason)"
    }
}

extension ReportFormat {
    /// The formats of `--format xml,html,json,csv`.
    static func parse(_ text: String) throws -> Set<ReportFormat> {
        var formats: Set<ReportFormat> = []
        for name in text.split(separator: ",") {
            guard let format = ReportFormat(rawValue: String(name)) else {
                throw ValidationError(
                    "unknown format '\(name)'; use one or more of xml, html, json, csv, comma-separated")
            }
            formats.insert(format)
        }
        return formats
    }
}
