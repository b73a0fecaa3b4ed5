import ArgumentParser
import Foundation

/// Progress and logs go to stderr; results go to stdout.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func exit(_ status: ExitStatus) -> ExitCode {
        ExitCode(status.rawValue)
    }
}
