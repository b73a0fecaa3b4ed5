/// The life of a run folder as a scan or a merge asks for it: started under the output lock,
/// built, and the old runs pruned, in one place for both.
extension RunDirectory {
    /// A new run in `options.outDirectory` named after `preferredID`, once what interrupted runs
    /// left there is removed; flushed before it is renamed into place unless `options.durable`
    /// is off. The output folder's lock must be held.
    /// - Throws: `ScanFailure.output` when the folder cannot be made.
    static func start(
        _ options: ScanOptions, preferredID: String, log: @Sendable (String) -> Void
    ) throws -> RunDirectory {
        removeStaleTemporaries(in: options.outDirectory).forEach(log)
        var run: RunDirectory
        do {
            run = try RunDirectory(outDirectory: options.outDirectory, preferredID: preferredID)
        } catch let error as OutputError {
            throw ScanFailure.output(error)
        }
        run.durable = options.durable
        return run
    }

    /// ``build(_:)``, then the complete runs beyond the newest `options.keepRuns` removed (never
    /// the one `latest` names), still under the lock.
    func build<Result>(
        keeping options: ScanOptions, log: @Sendable (String) -> Void, _ body: (RunDirectory) async throws -> Result
    ) async throws -> Result {
        let result = try await build(body)
        if let keep = options.keepRuns { RunRetention.prune(options.outDirectory, keep: keep).forEach(log) }
        return result
    }
}
