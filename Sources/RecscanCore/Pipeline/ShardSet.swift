/// The shards a merge is given, checked to be one whole set: a merge missing a shard would
/// write a report that looks complete and lacks a share of the fleet.
enum ShardSet {
    /// Each run's shard (from its run id, `…-shard2of3`), `nil` for a run that names none.
    static func shard(ofRunAt path: String) -> Shard? {
        let root = try? InputDiscovery.rootElement { try XMLStreamReader.read(path: path, handle: $0) }.get()
        let run = root?.attributePairs.first { $0.name == "run" }?.value
        guard let run, let marker = run.range(of: "-shard", options: .backwards) else { return nil }
        let rest = run[marker.upperBound...].split(separator: "-").first ?? ""
        let parts = rest.split(separator: "of")
        guard parts.count == 2 else { return nil }
        return Shard("\(parts[0])/\(parts[1])")
    }

    /// - Throws: `ScanFailure.usage` naming what is missing or repeated, when every run names its
    ///   shard and they are not shards 1 … N of one N.
    static func checkComplete(_ paths: [String]) throws {
        let shards = paths.map(shard(ofRunAt:))
        let named = shards.compactMap { $0 }
        guard named.count == paths.count, let count = named.first?.count else { return }
        guard named.allSatisfy({ $0.count == count }) else {
            let counts = Set(named.map(\.count)).sorted().map(String.init).joined(separator: ", ")
            throw ScanFailure.usage("the shard runs come from different splits (of \(counts)); merge one set")
        }
        let indices = named.map(\.index)
        let missing = (1...count).filter { !indices.contains($0) }
        let repeated = Set(indices.filter { index in indices.filter { $0 == index }.count > 1 }).sorted()
        guard missing.isEmpty, repeated.isEmpty else {
            var problems: [String] = []
            if !missing.isEmpty {
                problems.append("missing " + missing.map { "\($0)/\(count)" }.joined(separator: ", "))
            }
            if !repeated.isEmpty {
                problems.append("given twice " + repeated.map { "\($0)/\(count)" }.joined(separator: ", "))
            }
            throw ScanFailure.usage(
                "merge needs every shard of \(count) once: \(problems.joined(separator: "; ")); nothing was written")
        }
    }
}
