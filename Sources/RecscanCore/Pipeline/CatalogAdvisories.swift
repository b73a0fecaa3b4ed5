/// The catalog once the advisories of `--advisories` are read and joined to it (see
/// `Catalog.joining`), with what the run needs of them besides: the advisories no rule names,
/// the files that could not be used, and a few lines for the log.
struct CatalogAdvisories: Sendable {
    var catalog: Catalog
    var uncovered = UncoveredAdvisories()
    var rejected: [RejectedInput] = []
    var notes: [String] = []

    /// Reads the advisories of `options` and joins them to `catalog`; the catalog as it is when
    /// there are none.
    /// - Throws: `ScanFailure.unusableInput` when an advisory path holds nothing usable.
    static func join(_ catalog: Catalog, options: ScanOptions) throws -> CatalogAdvisories {
        guard !options.advisoryPaths.isEmpty else { return CatalogAdvisories(catalog: catalog) }
        return join(catalog, try AdvisoryReader.read(paths: options.advisoryPaths, limits: options.limits))
    }

    /// What `join` does, reading `options.jobs` advisory files at a time.
    static func join(_ catalog: Catalog, options: ScanOptions) async throws -> CatalogAdvisories {
        guard !options.advisoryPaths.isEmpty else { return CatalogAdvisories(catalog: catalog) }
        let set = try await AdvisoryReader.read(
            paths: options.advisoryPaths, limits: options.limits, jobs: options.jobs)
        return join(catalog, set)
    }

    private static func join(_ catalog: Catalog, _ set: AdvisorySet) -> CatalogAdvisories {
        let (joined, fed) = catalog.joining(set.advisories)
        let uncovered = UncoveredAdvisories(set.advisories, catalog: joined)
        var notes = [
            "advisories: \(set.advisories.count) read, \(set.withdrawn) withdrawn skipped, \(set.rejected.count) files rejected;"
                + " \(fed.count) rules get affected packages from them, \(uncovered.count) name no rule"
        ]
        for (ecosystem, count) in set.unsupportedEcosystems.sorted(by: { $0.key < $1.key }) {
            notes.append(
                "note: \(count) affected entries of ecosystem \(ecosystem) skipped: recscan has no version order for it"
            )
        }
        return CatalogAdvisories(catalog: joined, uncovered: uncovered, rejected: set.rejected, notes: notes)
    }
}
