import Testing

@testable import RecscanCore

@Suite("Catalog index")
struct CatalogIndexTests {
    @Test("an index whose rules were compiled on several threads decides every sample host as one built on one")
    func compiledOnSeveralThreads() async throws {
        let inputs = try await SampleFleet.load()
        let options = SampleFleet.options()
        func analyzer(_ index: CatalogIndex) -> HostAnalyzer {
            HostAnalyzer(
                matcher: Matcher(index: index), fleet: inputs.fleet, referenceTime: options.referenceTime,
                maxAgeDays: 7)
        }
        let one = analyzer(CatalogIndex(catalog: inputs.catalog))
        // Four rules a thread: the sample catalog's rules spread over three threads.
        let several = analyzer(CatalogIndex(catalog: inputs.catalog, jobs: 3, rulesPerThread: 4))
        #expect(inputs.hosts.count > 10)
        for host in inputs.hosts {
            let expected = one.analyze(host)
            let actual = several.analyze(host)
            #expect(actual.report == expected.report, "\(host.hostname)")
            #expect(actual.ruleOrdinals == expected.ruleOrdinals, "\(host.hostname)")
        }
    }

    @Test("rules are compiled in their order, each with its own software ids, on any number of threads")
    func compileKeepsOrder() async throws {
        let catalog = try await SampleFleet.load().catalog
        let rules = catalog.sortedRuleIDs.compactMap { catalog.rules[$0] }
        var ids = CatalogIDs()
        for rule in rules { ids.rules[rule.id] = RuleOrdinal(ids.rules.count) }
        let listed = rules.map { rule in rule.applies.software.map { ids.softwareID($0.key) } }
        let flat = listed.flatMap { $0 }
        let starts = listed.reduce(into: [0]) { starts, rule in starts.append(starts[starts.count - 1] + rule.count) }
        for jobs in [1, 2, 3, 8] {
            let compiled = CompiledRule.compile(
                rules, softwareIDs: flat, starts: starts, catalog: catalog, ids: ids, jobs: jobs, rulesPerThread: 5)
            #expect(compiled.count == rules.count)
            for (position, rule) in compiled.enumerated() {
                #expect(rule.software.map(\.softwareID) == listed[position])
                #expect(
                    rule.software.map(\.range.description)
                        == rules[position].applies.software.map(\.preparedRange.description))
                #expect(rule.dependencyIDs == rules[position].dependsOn)
            }
        }
    }
}

@Suite("Software rules per ecosystem")
struct SoftwareRulesPerEcosystemTests {
    @Test("counts each rule once in every ecosystem its packages are in, as sets of ecosystems do")
    func countsAsSets() async throws {
        var catalog = try await SampleFleet.load().catalog
        // A rule with packages in two ecosystems, one of them twice.
        if var rule = catalog.rules.values.first(where: { !$0.applies.software.isEmpty }) {
            let entry = rule.applies.software[0]
            var other = entry
            other.ecosystem = entry.ecosystem == .npm ? .pypi : .npm
            rule.applies.software += [entry, other]
            catalog.rules[rule.id] = rule
        }
        var expected = EcosystemCounts()
        for rule in catalog.rules.values {
            for ecosystem in Set(rule.applies.software.map(\.ecosystem)) { expected[ecosystem] += 1 }
        }
        #expect(catalog.softwareRulesPerEcosystem == expected)
        #expect(Ecosystem.allCases.contains { expected[$0] > 0 })
    }
}
