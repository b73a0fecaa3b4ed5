import ArgumentParser
import Foundation
import RecscanCore

/// Times each stage of the per-host work on one core, to see what dominates a scan.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "Time parsing, matching and serializing separately, on one core.")

    @OptionGroup var inputs: WorkloadInputs

    func run() throws {
        let options = inputs.scanOptions
        // What runs before any worker starts, each timed on its own: listing and classifying the
        // folder, reading the catalog, indexing it. The setup itself (fleet, events) is not timed.
        let started = Date()
        _ = try InputDiscovery.discover(directory: inputs.inventories)
        let discovered = Date()
        let catalogRead = try CatalogReader.read(path: inputs.catalog, limits: options.limits)
        let read = Date()
        let index = CatalogIndex(catalog: catalogRead)
        let indexed = Date()
        let setup = try ScanSetup.load(options) { _ in }
        let interest = PackageInterest(index)
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: index), fleet: setup.fleet,
            referenceTime: options.referenceTime, maxAgeDays: 7)
        var parse = 0.0
        var analyze = 0.0
        var serialize = 0.0
        var hosts = 0
        var memo = ReportFragmentMemo()  // one worker's, kept from file to file as a scan does
        for file in setup.inventoryFiles {
            let start = Date()
            let inventories = (try? InventoryFormats.read(file, limits: options.limits, interest: interest)) ?? []
            let parsed = Date()
            let reports = inventories.map {
                analyzer.analyze(HostInput(hostname: $0.hostname, inventory: $0, errors: [])).report
            }
            let analyzed = Date()
            for report in reports { _ = try ReportXMLWriter.fragment(for: report, memo: &memo) }
            let serialized = Date()
            parse += parsed.timeIntervalSince(start)
            analyze += analyzed.timeIntervalSince(parsed)
            serialize += serialized.timeIntervalSince(analyzed)
            hosts += inventories.count
        }
        func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }
        print(
            "before the workers: discovery \(format(discovered.timeIntervalSince(started))),"
                + " catalog \(format(read.timeIntervalSince(discovered))), index \(format(indexed.timeIntervalSince(read)))"
        )
        print("hosts \(hosts): parse \(format(parse)), analyze \(format(analyze)), serialize \(format(serialize))")
    }
}
