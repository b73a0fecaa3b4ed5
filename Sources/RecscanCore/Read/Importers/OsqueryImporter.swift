/// Reads osquery JSON results of the tables `os_version`, `deb_packages`, `rpm_packages`,
/// `programs` and `listening_ports` (see ``OsqueryTable``; rows of other tables are skipped):
///
/// - query results, as `osqueryi --json` prints them: one array of rows per query, several
///   queries one after another in one file; one host, named after the file;
/// - a results log (osqueryd's filesystem logger), one JSON object per line, each naming its
///   host in `hostIdentifier`; one file may hold several hosts. Differential lines (`columns`
///   with `action` added/removed, or `diffResults`) are replayed in order, a `snapshot` replaces
///   what that query said before; the newest `unixTime` is the collection time.
public enum OsqueryImporter: InventoryImporter {
    /// "osquery JSON results".
    public static let formatName = "osquery JSON results"

    /// Reads every host of the file.
    public static func read(path: String, displayName: String, limits: InputLimits) throws -> [HostInventory] {
        var log = ResultsLog()
        do {
            let bytes = try InputFile.bytes(path: path, displayName: displayName, limits: limits)
            var parser = JSONParser(bytes: bytes, file: displayName, limits: limits)
            guard let first = try parser.nextDocument() else {
                throw InputError(file: displayName, line: 1, message: "is empty")
            }
            if first.array != nil {
                var host = HostInventory(hostname: HostNames.fromFile(path))
                host.sources = [displayName]
                var document: JSONNode? = first
                while let results = document {
                    guard let rows = results.array else {
                        throw InputError(
                            file: displayName, line: results.line,
                            message:
                                "holds \(results.kindDescription) after query results; expected another array of rows")
                    }
                    for row in rows { try addRow(row, to: &host, file: displayName) }
                    document = try parser.nextDocument()
                }
                return [host]
            }
            var document: JSONNode? = first
            while let line = document {
                try log.add(line, file: displayName)
                document = try parser.nextDocument()
            }
            return try log.inventories(file: displayName)
        } catch let error as InputError {
            let seen = log.order.isEmpty ? [HostNames.fromFile(path)] : log.order.compactMap { log.hosts[$0]?.name }
            throw InventoryFileError(error: error, hostnames: seen)
        }
    }

    static func addRow(_ row: JSONNode, to host: inout HostInventory, file: String) throws {
        guard case .object(let columns) = row.value else {
            throw InputError(
                file: file, line: row.line, message: "a query result row is \(row.kindDescription), expected an object")
        }
        try OsqueryTable.recognize(columns: Set(columns.keys))?.add(row, to: &host, file: file)
    }

    /// The rows of a results log per host and query, replayed in log order.
    private struct ResultsLog {
        struct Host {
            var name: String
            var unixTime: Int64?
            var queries: [String: [String: JSONNode]] = [:]
            var rowOrder: [String: [String]] = [:]
        }
        var hosts: [String: Host] = [:]
        var order: [String] = []

        mutating func add(_ line: JSONNode, file: String) throws {
            guard line.isObject, let name = line["hostIdentifier"]?.trimmedText else {
                throw InputError(
                    file: file, line: line.line,
                    message: "is a results log line without a hostIdentifier; expected one JSON object per line")
            }
            let key = name.lowercased()
            if hosts[key] == nil {
                hosts[key] = Host(name: name)
                order.append(key)
            }
            if let time = line["unixTime"]?.text.flatMap({ Int64($0) }), time > (hosts[key]?.unixTime ?? .min) {
                hosts[key]?.unixTime = time
            }
            let query = line["name"]?.text ?? ""
            if let snapshot = line["snapshot"] {
                hosts[key]?.queries[query] = [:]
                hosts[key]?.rowOrder[query] = []
                for row in snapshot.array ?? [] { insert(row, host: key, query: query) }
            } else if let columns = line["columns"] {
                if line["action"]?.text == "removed" {
                    remove(columns, host: key, query: query)
                } else {
                    insert(columns, host: key, query: query)
                }
            } else if let diff = line["diffResults"] {
                for row in diff["removed"]?.array ?? [] { remove(row, host: key, query: query) }
                for row in diff["added"]?.array ?? [] { insert(row, host: key, query: query) }
            } else {
                throw InputError(
                    file: file, line: line.line, message: "results log line has no columns, snapshot or diffResults")
            }
        }

        private mutating func insert(_ row: JSONNode, host: String, query: String) {
            let identity = Self.identity(row)
            if hosts[host]?.queries[query, default: [:]][identity] == nil {
                hosts[host]?.rowOrder[query, default: []].append(identity)
            }
            hosts[host]?.queries[query, default: [:]][identity] = row
        }

        private mutating func remove(_ row: JSONNode, host: String, query: String) {
            hosts[host]?.queries[query]?[Self.identity(row)] = nil
        }

        /// A row's columns and values in a canonical order, so a removal finds its addition.
        private static func identity(_ row: JSONNode) -> String {
            guard case .object(let columns) = row.value else { return "\(row.line)" }
            return columns.keys.sorted().map { "\($0)=\(columns[$0]?.text ?? "")" }.joined(separator: "\u{1F}")
        }

        func inventories(file: String) throws -> [HostInventory] {
            try order.compactMap { key -> HostInventory? in
                guard let entry = hosts[key] else { return nil }
                var host = HostInventory(hostname: entry.name)
                host.sources = [file]
                if let time = entry.unixTime {
                    host.collected = Timestamps.iso8601(epochSeconds: time)
                    host.collectedEpochSeconds = time
                }
                for query in entry.queries.keys.sorted() {
                    var emitted: Set<String> = []
                    for identity in entry.rowOrder[query] ?? [] where emitted.insert(identity).inserted {
                        guard let row = entry.queries[query]?[identity] else { continue }
                        try OsqueryImporter.addRow(row, to: &host, file: file)
                    }
                }
                return host
            }
        }
    }
}
