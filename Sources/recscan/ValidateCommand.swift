import ArgumentParser
import RecscanCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check input files against their schema and content rules; every problem with file, line and column.",
        discussion: "Exit status: 0 when every file is valid, 2 when any is not.")

    @Argument(help: "Files to check; the format is recognized by content.")
    var files: [String]

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
        if !allValid { throw Terminal.exit(.inputsRejected) }
    }
}
