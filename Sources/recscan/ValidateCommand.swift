import ArgumentParser
import Foundation
import RecscanCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check input files against their schema and content rules; every problem with file, line and column.",
        discussion: """
            \(InputOptions.acceptedFormats) Reports (report.xml), exclusion registers and OSV advisories \
            (--advisories) are checked too.

            Exit status: 0 when every file is valid, 2 when any is not, 65 when an advisory path holds \
            nothing usable.

            Examples:
              recscan validate Inventories                 check every file of a folder
              recscan validate catalog.xml fleet.xml       check a catalog and a fleet export
              recscan validate Reports/latest/report.xml   check a report against its schema
              recscan validate --advisories advisories/    check OSV advisories
            """)

    @Argument(
        help: "Files or folders to check (a folder's files are each checked); the format is recognized by content.")
    var files: [String] = []
    @Option(help: "Catalog that inventories' packages are counted against (default: the bundled catalog).")
    var catalog: String?
    @Option(help: "OSV advisories to check (JSON or YAML), a file or a folder read recursively; repeatable.")
    var advisories: [String] = []

    func validate() throws {
        if files.isEmpty && advisories.isEmpty { throw ValidationError("give files to check, or --advisories") }
    }

    func run() throws {
        var allValid = true
        var options = ScanOptions()
        options.catalogPath = catalog
        let rules: EcosystemCounts
        do {
            rules = try ScanSetup.loadCatalog(options).softwareRulesPerEcosystem
        } catch let failure as ScanFailure {
            throw Terminal.fail(failure)
        }
        for argument in files {
            for file in try Self.expand(argument) {
                let result = FileValidator.validate(path: file)
                if result.isValid {
                    print("\(file): valid \(result.format ?? "")")
                    for warning in result.warnings { print("  warning: \(warning.description)") }
                    Self.describeHosts(file, rules: rules)
                    continue
                }
                allValid = false
                print("\(file): invalid\(result.format.map { " \($0)" } ?? "")")
                for problem in result.problems { print("  \(problem.description)") }
            }
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

    /// For an inventory, each host as read: formats, OS, collection time, packages per
    /// ecosystem against the catalog's rules.
    static func describeHosts(_ path: String, rules: EcosystemCounts) {
        let kind = InputDiscovery.classify(path: path)
        guard InventoryFormats.holdsHosts(kind) else { return }
        let file = DiscoveredInput(path: path, displayName: path, kind: kind)
        guard let hosts = try? InventoryFormats.read(file, limits: .standard) else { return }
        for host in hosts {
            let details = InventoryDetails(host, rules: rules)
            print("  \(host.hostname): \(details.describe(os: host.os, collected: host.collected))")
        }
    }

    /// A folder's files as the scan would list them (sorted; hidden and README files skipped),
    /// or the argument itself.
    static func expand(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        do {
            let found = try InputDiscovery.discover(directory: path)
            if found.isEmpty { Terminal.error("recscan: \(path): the folder holds no files to check") }
            return found.map(\.path)
        } catch {
            Terminal.error("recscan: \(path): \(error)")
            throw Terminal.exit(.inputsRejected)
        }
    }
}
