import Foundation

/// What a file in the inventories folder holds, recognized by content, never by name.
public enum InputKind: Sendable, Equatable {
    case catalog, fleet, nativeInventory, eventsXML, eventsCSV
    /// Inventories exported by other tools, each read by its importer.
    case cycloneDXXML, cycloneDXJSON, spdxJSON, dpkgStatus, rpmList, osqueryJSON
    /// A recscan report: never an input, but `validate` checks it.
    case report
    case unrecognized(String)
}

/// One file found in the inventories folder.
public struct DiscoveredInput: Sendable, Equatable {
    /// Absolute or working-directory-relative path.
    public var path: String
    /// The path as reports show it.
    public var displayName: String
    /// What the file holds, recognized by its content.
    public var kind: InputKind
}

/// Finds and classifies the input files of a run.
public enum InputDiscovery {
    static let accepted =
        "accepted: recscan inventory, fleet and events XML; events CSV (Time,Computer,Reason,Action);"
        + " CycloneDX 1.4-1.6 SBOMs (XML, JSON); SPDX 2.3 JSON; a dpkg status file; rpm -qa output;"
        + " osquery JSON results (os_version, deb_packages, rpm_packages, programs, listening_ports)"

    /// Every regular file below `directory` (hidden files and README files skipped), sorted by path.
    public static func discover(directory: String) throws -> [DiscoveredInput] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: directory, message: "is not a folder")
        }
        guard let enumerator = manager.enumerator(atPath: directory) else {
            throw InputError(file: directory, message: "cannot be listed")
        }
        var relativePaths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name.uppercased().hasPrefix("README") { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDir: ObjCBool = false
            if manager.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                relativePaths.append(relative)
            }
        }
        return relativePaths.sorted().map { relative in
            let path = (directory as NSString).appendingPathComponent(relative)
            return DiscoveredInput(path: path, displayName: path, kind: classify(path: path))
        }
    }

    /// Recognizes a file by its first bytes and, for XML, its root element.
    public static func classify(path: String) -> InputKind {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .unrecognized("cannot be opened") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)).map { [UInt8]($0) } ?? []
        guard !head.isEmpty else { return .unrecognized("is empty; \(accepted)") }
        let text = String(decoding: head, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("<") || head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) {
            return classifyXML(path: path, head: text)
        }
        if trimmed.hasPrefix(EventsReader.csvHeader) { return .eventsCSV }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { return FormatSniffer.classifyJSON(path: path) }
        return FormatSniffer.classifyText(head: head, isWholeFile: head.count < 4096)
    }

    private struct FoundRoot: Error {
        let element: XMLElementStart
    }

    private static func classifyXML(path: String, head: String) -> InputKind {
        do {
            try XMLStreamReader.read(path: path) { event in
                if case .start(let element) = event { throw FoundRoot(element: element) }
            }
            return .unrecognized("has no root element")
        } catch let found as FoundRoot {
            switch (found.element.namespace, found.element.localName) {
            case (CatalogReader.namespace, "catalog"): return .catalog
            case (FleetReader.namespace, "fleet"): return .fleet
            case (InventoryReader.namespace, "inventory"): return .nativeInventory
            case (EventsReader.namespace, "events"): return .eventsXML
            case (ReportXMLWriter.namespace, "report"), (ReportXMLWriter.namespace, "explain"),
                (ReportXMLWriter.namespace, "plans"):
                return .report
            case (let namespace?, "bom") where namespace.hasPrefix(CycloneDXXMLImporter.namespacePrefix):
                return .cycloneDXXML
            default:
                let namespace = found.element.namespace.map { "{\($0)}" } ?? ""
                return .unrecognized("has root element \(namespace)\(found.element.localName); \(accepted)")
            }
        } catch {
            // Malformed before the root element was seen: the reader of the format the start of
            // the file names reports the problem with its position.
            return head.contains(CycloneDXXMLImporter.namespacePrefix) ? .cycloneDXXML : .nativeInventory
        }
    }
}
