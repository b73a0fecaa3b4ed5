import Foundation
import Testing

@testable import RecscanCore

/// A fresh folder under the system's temporary directory, removed by the caller when done.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "recscan-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the folder and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let full = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Builds domain values from the native XML formats, the way a scan reads them.
enum Fixture {
    static func catalog(_ body: String) throws -> Catalog {
        let xml = "<catalog xmlns=\"urn:recscan:catalog:1\" version=\"test\">\n\(body)\n</catalog>"
        return try CatalogReader.read(bytes: Array(xml.utf8), displayName: "catalog.xml")
    }

    static func fleet(_ body: String) throws -> Fleet {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("fleet.xml", "<fleet xmlns=\"urn:recscan:fleet:1\">\n\(body)\n</fleet>")
        return try FleetReader.read(path: path, displayName: "fleet.xml")
    }

    static func hosts(_ body: String) throws -> [HostInventory] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "inventory.xml", "<inventory xmlns=\"urn:recscan:inventory:1\">\n\(body)\n</inventory>")
        return try InventoryReader.read(path: path, displayName: "inventory.xml")
    }

    static func host(_ body: String, hostname: String = "web01", collected: String = "2026-11-28T08:00:00Z") throws
        -> HostInventory
    {
        let hosts = try hosts("<host hostname=\"\(hostname)\" collected=\"\(collected)\">\n\(body)\n</host>")
        guard let host = hosts.first else { throw InputError(file: "inventory.xml", message: "no host") }
        return host
    }

    /// 2026-11-29T00:00:00Z, the reference time of the tests.
    static let referenceTime: Int64 = 1_795_910_400

    /// Analyzes one host end to end (resolve, match, decide, audit).
    static func analyze(
        catalog: Catalog, fleet: Fleet = Fleet(), host: HostInventory, events: [SecurityEvent] = []
    ) -> HostAnalysis {
        let analyzer = HostAnalyzer(
            matcher: Matcher(index: CatalogIndex(catalog: catalog)), fleet: fleet, referenceTime: referenceTime,
            maxAgeDays: 7)
        return analyzer.analyze(HostInput(hostname: host.hostname, inventory: host, errors: [], events: events))
    }
}

extension HostReport {
    func rule(_ id: String) -> RuleResult? { rules.first { $0.ruleID == id } }
    func findings(_ kind: FindingKind) -> [Finding] { findings.filter { $0.kind == kind } }
}

/// Relative paths of every regular file under `directory`, sorted.
func regularFiles(under directory: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: directory)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            files.append(path)
        }
    }
    return files.sorted()
}

/// Every regular file under `directory` with its bytes, by relative path: two runs compare equal
/// exactly when they wrote the same files byte for byte.
func fileContents(under directory: String) -> [String: Data] {
    var result: [String: Data] = [:]
    for path in regularFiles(under: directory) {
        result[path] = FileManager.default.contents(atPath: directory + "/" + path)
    }
    return result
}

/// The input problems `body` throws, whichever of recscan's error types carries them.
func inputErrors(_ body: () throws -> Void) -> [InputError] {
    do {
        try body()
    } catch let errors as InputErrors {
        return errors.errors
    } catch let error as InputError {
        return [error]
    } catch let error as InventoryFileError {
        return [error.error]
    } catch {
        Issue.record("unexpected error \(error)")
    }
    return []
}
