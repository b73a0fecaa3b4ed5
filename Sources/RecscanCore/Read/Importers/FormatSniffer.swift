import Foundation

/// Recognizes the text and JSON inventory formats by content, never by file name.
enum FormatSniffer {
    /// A JSON file: a CycloneDX BOM (`bomFormat`), an SPDX document (`spdxVersion`), an osquery
    /// results log (`hostIdentifier`) or osquery query results (an array of rows of a known table).
    static func classifyJSON(path: String) -> InputKind {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .unrecognized("cannot be opened") }
        defer { try? handle.close() }
        var scanner = JSONShapeScanner()
        var total = 0
        while !scanner.finished, total < InputLimits.standard.maxFileBytes,
            let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty
        {
            total += chunk.count
            scanner.feed(chunk)
        }
        switch scanner.top {
        case .object:
            if scanner.members["bomFormat"] == "CycloneDX" { return .cycloneDXJSON }
            if scanner.members["spdxVersion"]?.hasPrefix("SPDX-") == true { return .spdxJSON }
            if scanner.members["hostIdentifier"] != nil { return .osqueryJSON }
            let what = scanner.finished ? "a JSON object" : "a JSON object cut short (truncated?)"
            return .unrecognized(
                "is \(what) without bomFormat \"CycloneDX\", spdxVersion or hostIdentifier; \(InputDiscovery.accepted)")
        case .array:
            if OsqueryTable.recognize(columns: scanner.firstElementMembers) != nil { return .osqueryJSON }
            let what =
                scanner.firstElementMembers.isEmpty ? "a JSON array without rows" : "a JSON array of unknown rows"
            return .unrecognized("is \(what); \(InputDiscovery.accepted)")
        case .unknown, .other:
            return .unrecognized("is not a recognized JSON document; \(InputDiscovery.accepted)")
        }
    }

    /// A text file: a dpkg status file (stanzas starting with `Package:`) or `rpm -qa` output
    /// (every line a package). `head` is the start of the file; its last line may be cut short
    /// unless it is the whole file.
    static func classifyText(head: [UInt8], isWholeFile: Bool) -> InputKind {
        var lines = Array(InputFile.lines(head).map(\.text))
        if !isWholeFile, lines.count > 1 { lines.removeLast() }
        let nonBlank = lines.filter { !$0.trimmingWhitespace.isEmpty }
        if let first = nonBlank.first, first.hasPrefix("Package:") { return .dpkgStatus }
        if !nonBlank.isEmpty, nonBlank.allSatisfy({ RPMListImporter.parse(line: $0) != nil }) { return .rpmList }
        return .unrecognized("is not a recognized format; \(InputDiscovery.accepted)")
    }
}
