import ArgumentParser
import RecscanCore

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the catalog's rules that name a package, a CVE or an ecosystem, with their criteria.",
        discussion: """
            Answers "does my catalog cover X at all?" without a scan. With no filter every rule is listed. \
            Exit status: 0 when some rule matches, 1 when none does, 64 usage error, 65 the catalog is unusable.

            Examples:
              recscan rules --package openssl              rules for a package, in any ecosystem
              recscan rules --ecosystem pypi               every rule that can match a Python package
              recscan rules --cve CVE-2021-44228 --catalog catalog.xml
            """)

    @Option(help: "Rule catalog (default: the catalog bundled with recscan).")
    var catalog: String?
    @Option(help: "A package name, compared as each ecosystem compares names.")
    var package: String?
    @Option(help: "A CVE identifier, e.g. CVE-2014-0160.")
    var cve: String?
    @Option(help: "An ecosystem: deb, rpm, pypi, npm, maven, nuget, gem, golang, cargo, windows (or PyPI, Go, …).")
    var ecosystem: String?

    func validate() throws {
        if let ecosystem, Ecosystem(operatorName: ecosystem) == nil {
            let names = Ecosystem.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--ecosystem '\(ecosystem)' is not one recscan knows; use one of \(names)")
        }
    }

    func run() throws {
        var options = ScanOptions()
        options.catalogPath = catalog
        let loaded: Catalog
        do {
            loaded = try ScanSetup.loadCatalog(options)
        } catch let failure as ScanFailure {
            throw Terminal.fail(failure)
        }
        let lookup = CatalogLookup(catalog: loaded)
        let question = CatalogLookup.Question(
            package: package, cve: cve, ecosystem: ecosystem.flatMap(Ecosystem.init(operatorName:)))
        let rules = lookup.rules(answering: question)
        print(RulesText.render(rules, catalog: loaded, question: question, coverage: lookup.rulesPerEcosystem()))
        if rules.isEmpty { throw Terminal.exit(.thresholdMet) }
    }
}
