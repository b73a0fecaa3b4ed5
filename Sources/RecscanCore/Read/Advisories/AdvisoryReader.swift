import Foundation

/// Every advisory `--advisories` names, and what could not be used of them.
public struct AdvisorySet: Sendable {
    /// The advisories in force, sorted by id; an id met twice keeps its first file.
    public var advisories: [Advisory] = []
    /// How many withdrawn advisories were skipped.
    public var withdrawn = 0
    /// Files that could not be read as advisories, with the position of the problem.
    public var rejected: [RejectedInput] = []
    /// Affected entries skipped because recscan has no version scheme for their ecosystem, by
    /// ecosystem as the advisories write it.
    public var unsupportedEcosystems: [String: Int] = [:]

    /// An empty set: the run reads no advisory.
    public init() {}
}

/// Reads OSV advisories: each path a file, or a folder read recursively (hidden, README,
/// LICENSE and COPYING files skipped). A file is JSON when it starts with `{` or `[`, else YAML;
/// it holds one advisory or a JSON array of them, recognized by content (`id` and `affected` or
/// `withdrawn`). A file that cannot be used is rejected with the line of the problem and the
/// rest are read.
public enum AdvisoryReader {
    /// Reads every path, file after file.
    /// - Throws: `ScanFailure.unusableInput` when a path does not exist or holds no advisory
    ///   that can be used (withdrawn ones do not count).
    public static func read(paths: [String], limits: InputLimits) throws -> AdvisorySet {
        var collector = Collector()
        for path in paths {
            let files = try listFiles(path)
            try collector.add(
                files.map { file in Result { try read(file: file, limits: limits) } }, of: path, files: files)
        }
        return collector.set
    }

    /// Reads every path as `read(paths:limits:)` does, `jobs` files at a time.
    public static func read(paths: [String], limits: InputLimits, jobs: Int) async throws -> AdvisorySet {
        var collector = Collector()
        for path in paths {
            let files = try listFiles(path)
            var results: [Result<AdvisoryDecoder.Decoded, any Error>] = []
            results.reserveCapacity(files.count)
            try await orderedParallelMap(
                files, jobs: jobs, transform: { file in Result { try read(file: file, limits: limits) } },
                consume: { results.append($0) })
            try collector.add(results, of: path, files: files)
        }
        return collector.set
    }

    /// Adds up what each file of each path held, in file order.
    private struct Collector {
        var set = AdvisorySet()
        var byID: [String: Advisory] = [:]

        /// Takes `results`, one per file of `files`, the files of `path`.
        /// - Throws: `ScanFailure.unusableInput` when none of them holds an advisory in force.
        mutating func add(
            _ results: [Result<AdvisoryDecoder.Decoded, any Error>], of path: String, files: [String]
        ) throws {
            var usable = 0
            var rejected: [RejectedInput] = []
            for (file, result) in zip(files, results) {
                switch result {
                case .success(let decoded):
                    set.withdrawn += decoded.withdrawn
                    set.unsupportedEcosystems.merge(decoded.unsupportedEcosystems, uniquingKeysWith: +)
                    for advisory in decoded.advisories where byID[advisory.id] == nil {
                        byID[advisory.id] = advisory
                        usable += 1
                    }
                case .failure(let error): rejected += ScanSetup.rejections(error, file: file)
                }
            }
            set.rejected += rejected
            guard usable > 0 else {
                let problems = rejected.prefix(5).map {
                    InputError(file: $0.file, line: $0.line, column: $0.column, message: $0.reason)
                }
                throw ScanFailure.unusableInput(
                    [InputError(file: path, message: "holds no advisory that can be used (\(files.count) files read)")]
                        + problems)
            }
            set.advisories = byID.values.sorted { $0.id < $1.id }
        }
    }

    /// The advisories of one file.
    static func read(file: String, limits: InputLimits) throws -> AdvisoryDecoder.Decoded {
        let bytes = try InputFile.bytes(path: file, displayName: file, limits: limits)
        let document: JSONNode
        let first = bytes.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            var parser = JSONParser(bytes: bytes, file: file, limits: limits)
            document = try parser.singleDocument()
        } else {
            document = try YAMLTree.read(bytes: bytes, file: file, limits: limits)
        }
        guard AdvisoryDecoder.isAdvisory(document) else {
            throw InputError(
                file: file, line: document.line,
                message:
                    "is not an OSV advisory: expected \"id\" and \"affected\" or \"withdrawn\", or an array of such")
        }
        return try AdvisoryDecoder(file: file).decode(document)
    }

    /// The files of `path`, sorted: itself when it is a file.
    private static func listFiles(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScanFailure.unusableInput([InputError(file: path, message: "does not exist")])
        }
        guard isDirectory.boolValue else { return [path] }
        var entries: [(relative: String, name: String)] = []
        guard InputDiscovery.listEntries(of: path, under: "", into: &entries) else {
            throw ScanFailure.unusableInput([InputError(file: path, message: "cannot be listed")])
        }
        let skipped = ["README", "LICENSE", "COPYING"]
        return entries.filter { entry in
            let upper = entry.name.uppercased()
            guard !entry.relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                !skipped.contains(where: upper.hasPrefix)
            else { return false }
            var info = stat()
            let full = (path as NSString).appendingPathComponent(entry.relative)
            return stat(full, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        }
        .map { (path as NSString).appendingPathComponent($0.relative) }
        .sorted()
    }
}
