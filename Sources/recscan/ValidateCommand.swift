import ArgumentParser
import RecscanCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check input files against their schema and content rules; every problem with file, line and column.",
        discussion:
            "Exit status: 0 when every file is valid, 2 when any is not, 65 when an advisory path holds nothing usable."
    )

    @Argument(help: "Files to check; the format is recognized by content.")
    var files: [String] = []

    @Option(help: "OSV advisories to check (JSON or YAML), a file or a folder read recursively; repeatable.")
    var advisories: [String] = []

    func validate() throws {
        if files.isEmpty && advisories.isEmpty { throw ValidationError("give files to check, or --advisories") }
    }

    func run() throws {
        var allValid = true
        for file in files {
            let result = FileValidator.validate(path: file)
            if result.isValid {
                print("\(file): valid \(result.format ?? "")")
                continue
            }
            allValid = false
            print("\(file): invalid\(result.format.map { " \($0)" } ?? "")")
            for problem in result.problems { print("  \(problem.description)") }
        }
        for path in advisories {
            let set: AdvisorySet
            do {
                set = try AdvisoryReader.read(paths: [path], limits: .standard)
            } catch let failure as ScanFailure {
                throw Terminal.fail(failure)
            }
            print(
                "\(path): \(set.advisories.count) OSV advisories valid, \(set.withdrawn) withdrawn, "
                    + "\(set.rejected.count) files rejected")
            for rejected in set.rejected {
                allValid = false
                let position = [rejected.line, rejected.column].compactMap { $0.map(String.init) }
                print("  \(([rejected.file] + position).joined(separator: ":")): \(rejected.reason)")
            }
        }
        if !allValid { throw Terminal.exit(.inputsRejected) }
    }
}
