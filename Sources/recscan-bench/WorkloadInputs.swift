import ArgumentParser
import RecscanCore

/// The inputs every timing command reads: a generated workload's inventories and catalog.
struct WorkloadInputs: ParsableArguments {
    @Option(help: "Folder of inventories.") var inventories: String
    @Option(help: "Rule catalog.") var catalog: String

    /// Scan options over these inputs, at the benchmark's fixed reference time (reports do not
    /// depend on the day they are made).
    var scanOptions: ScanOptions {
        var options = ScanOptions()
        options.inventories = inventories
        options.catalogPath = catalog
        options.referenceTime = 1_795_910_400
        return options
    }
}
