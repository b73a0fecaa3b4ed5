/// The hosts of several shard runs, merged into one stream sorted by lowercased hostname: each
/// shard's report lists its hosts sorted, so a k-way merge holds one host per shard.
final class ShardStreams {
    private let paths: [String]
    private let readers: [StoredReportReader]
    /// Each shard's report, with its fleet-wide sections once `merge` has read it to the end.
    private(set) var reports: [StoredReport]

    /// Opens every shard's report and checks that they were made alike.
    /// - Throws: `ScanFailure.unusableInput` naming the shard that cannot be used.
    init(paths: [String], first: StoredReport) throws {
        self.paths = paths
        var readers: [StoredReportReader] = []
        for path in paths {
            let reader = try Self.unusable(path) { try StoredReportReader(path: path) }
            guard reader.report.referenceTime == first.referenceTime,
                reader.report.catalogVersion == first.catalogVersion
            else {
                throw ScanFailure.unusableInput([
                    InputError(
                        file: path,
                        message: "was made with another reference time or catalog than \(paths.first ?? path)")
                ])
            }
            readers.append(reader)
        }
        self.readers = readers
        reports = readers.map(\.report)
    }

    /// Hands every host of every shard to `host`, sorted by lowercased hostname.
    /// - Throws: `ScanFailure.unusableInput` when a shard cannot be read or lists its hosts out of
    ///   order, or what `host` throws (a host in two shards, for one).
    func merge(_ host: (HostReport) throws -> Void) throws {
        var heads: [(key: String, host: HostReport)?] = []
        for index in readers.indices { heads.append(try next(index, after: nil)) }
        while let index = smallest(heads), let head = heads[index] {
            do { try host(head.host) } catch let error as InputError {
                throw ScanFailure.unusableInput([error])
            }
            heads[index] = try next(index, after: head.key)
        }
        reports = readers.map(\.report)
    }

    /// The shard whose next host sorts first; the earlier shard on a tie (the same host twice).
    private func smallest(_ heads: [(key: String, host: HostReport)?]) -> Int? {
        var best: Int?
        for (index, head) in heads.enumerated() {
            guard let head else { continue }
            if let best, let current = heads[best], current.key <= head.key { continue }
            best = index
        }
        return best
    }

    /// The next host of shard `index`, which must sort after the one before it.
    private func next(_ index: Int, after previous: String?) throws -> (key: String, host: HostReport)? {
        let path = paths[index]
        guard let host = try Self.unusable(path, { try readers[index].next() }) else { return nil }
        let key = host.hostname.lowercased()
        if let previous, key <= previous {
            throw ScanFailure.unusableInput([
                InputError(
                    file: path, message: "lists host \(host.hostname) out of order; shard reports list hosts sorted")
            ])
        }
        return (key, host)
    }

    /// `body`'s result; what it throws becomes a problem of the shard at `path`.
    private static func unusable<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let failure as ScanFailure { throw failure } catch {
            throw ScanFailure.unusableInput(ScanSetup.inputErrors(error, file: path))
        }
    }
}
