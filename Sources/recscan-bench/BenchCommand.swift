import ArgumentParser
import Foundation

@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recscan-bench",
        abstract: "Tools for measuring recscan at fleet scale.",
        subcommands: [
            GenerateCommand.self, StagesCommand.self, ScanUnderProfilerCommand.self, MergeUnderProfilerCommand.self,
        ])
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write a deterministic synthetic workload: catalog.xml, inventories/fleet.xml and one inventory per host.")

    @Option(help: "Rules in the catalog.") var rules = 10_000
    @Option(help: "Hosts in the fleet.") var hosts = 1_000
    @Option(help: "Packages installed per host.") var packages = 1_000
    @Option(help: "Share of packages at a vulnerable version (0 to 1).") var vulnerable = 0.02
    @Option(help: "Seed; the same seed gives the same files.") var seed: UInt64 = 42
    @Option(
        help: ArgumentHelp(
            "Inventory formats, comma-separated, given to hosts in turn.",
            discussion: "One of: \(InventoryFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "formats"))
    var formats = "native"
    @Option(help: "Output folder.") var out: String

    func validate() throws {
        for name in formats.split(separator: ",") where InventoryFormat(rawValue: String(name)) == nil {
            let accepted = InventoryFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--formats: \(name) is not one of \(accepted)")
        }
        guard (0...1).contains(vulnerable) else { throw ValidationError("--vulnerable is a share between 0 and 1") }
        guard rules > 0, hosts > 0, packages > 0 else { throw ValidationError("counts must be positive") }
    }

    func run() throws {
        var spec = WorkloadSpec()
        spec.rules = rules
        spec.hosts = hosts
        spec.packagesPerHost = packages
        spec.vulnerableShare = vulnerable
        spec.seed = seed
        spec.formats = formats.split(separator: ",").compactMap { InventoryFormat(rawValue: String($0)) }
        try WorkloadWriter(spec: spec).write(to: out)
        print("wrote \(hosts) hosts × \(packages) packages and \(rules) rules to \(out)")
    }
}
