import Foundation

/// What a file in the inventories folder holds, recognized by content, never by name.
public enum InputKind: Sendable, Equatable {
    case catalog, fleet, nativeInventory, eventsXML, eventsCSV
    /// The exclusion register kept next to a Deep Security API export.
    case exclusionRegister
    /// Inventories exported by other tools, each read by its importer.
    case cycloneDXXML, cycloneDXJSON, spdxJSON, dpkgStatus, rpmList, osqueryJSON
    /// A recscan report: never an input, but `validate` checks it.
    case report
    case unrecognized(String)
}

/// One file found in the inventories folder.
public struct DiscoveredInput: Sendable, Equatable {
    /// The path below `folder`, the folder it was discovered in; `nil` when it is not below it.
    func relativePath(under folder: String) -> String? {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    /// Absolute or working-directory-relative path.
    public var path: String
    /// The path as reports show it.
    public var displayName: String
    /// What the file holds, recognized by its content.
    public var kind: InputKind

    /// Describes one input file (discovery and the fuzzing harness make them).
    public init(path: String, displayName: String, kind: InputKind) {
        self.path = path
        self.displayName = displayName
        self.kind = kind
    }
}

/// Finds and classifies the input files of a run.
public enum InputDiscovery {
    static let accepted =
        "accepted: recscan inventory, fleet and events XML; events CSV (Time,Computer,Reason,Action);"
        + " CycloneDX 1.4-1.6 SBOMs (XML, JSON); SPDX 2.3 JSON; a dpkg status file; rpm -qa output;"
        + " osquery JSON results (os_version, deb_packages, rpm_packages, programs, listening_ports)"

    /// Every file below `directory` (hidden files and README files skipped), sorted by path.
    /// Only regular files are read: a FIFO, socket or device, and a symbolic link that leads
    /// out of `directory` (an export unpacked from a host may carry one to `/etc/shadow`), are
    /// listed as unrecognized with the reason, and never opened.
    public static func discover(directory: String) throws -> [DiscoveredInput] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw InputError(file: directory, message: "does not exist")
        }
        guard isDirectory.boolValue else { throw InputError(file: directory, message: "is a file, not a folder") }
        var entries: [(relative: String, name: String)] = []
        guard listEntries(of: directory, under: "", into: &entries) else {
            throw InputError(file: directory, message: "cannot be listed")
        }
        let root = resolved(directory)
        var found: [(relative: String, refusal: String?)] = []
        for (relative, name) in entries {
            if name.hasPrefix(".") || name.uppercased().hasPrefix("README") { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: continue
            case S_IFREG: found.append((relative, nil))
            case S_IFLNK:
                let target = resolved(full)
                var targetInfo = stat()
                if !target.hasPrefix(root + "/") {
                    found.append((relative, "is a symbolic link that leads out of the inventories folder; not read"))
                } else if stat(target, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFDIR {
                    continue
                } else if targetInfo.st_mode & S_IFMT != S_IFREG {
                    found.append((relative, "is a symbolic link to something that is not a regular file; not read"))
                } else {
                    found.append((relative, nil))
                }
            default:
                found.append((relative, "is not a regular file (a FIFO, socket or device); not read"))
            }
        }
        return found.sorted { $0.relative < $1.relative }.map { entry in
            let path = (directory as NSString).appendingPathComponent(entry.relative)
            let kind = entry.refusal.map { InputKind.unrecognized($0) } ?? classify(path: path)
            return DiscoveredInput(path: path, displayName: path, kind: kind)
        }
    }

    /// Adds every entry below `directory` (`prefix` is its path relative to the inventories
    /// folder) to `entries`, in no particular order: files, links and folders alike, descending
    /// into folders, hidden ones too, but not into links to folders. POSIX calls, as
    /// `FileManager`'s enumerator cost 60 K instructions per file listed.
    /// - Returns: false when `directory` cannot be listed (a folder below it that cannot is skipped).
    static func listEntries(
        of directory: String, under prefix: String, into entries: inout [(relative: String, name: String)]
    ) -> Bool {
        guard let stream = opendir(directory) else { return false }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            entries.append((relative, name))
            let path = directory + "/" + name
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder { _ = listEntries(of: path, under: relative, into: &entries) }
        }
        return true
    }

    /// The absolute path with every symbolic link resolved (the path itself when it cannot be).
    private static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// How much of a file classifying reads first.
    private static let headBytes = 4096

    /// Recognizes a file by its first bytes and, for XML, its root element.
    public static func classify(path: String) -> InputKind {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .unrecognized("cannot be opened") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: headBytes)).map { [UInt8]($0) } ?? []
        guard !head.isEmpty else { return .unrecognized("is empty; \(accepted)") }
        let text = String(decoding: head, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) {
            // UTF-16 is read for XML only; JSON and text formats are UTF-8 (RFC 8259 for JSON).
            let bigEndian = head.first == 0xFE
            var units: [UInt16] = []
            for index in stride(from: 2, to: head.count - 1, by: 2) {
                let high = UInt16(head[bigEndian ? index : index + 1])
                let low = UInt16(head[bigEndian ? index + 1 : index])
                units.append(high << 8 | low)
            }
            let first = String(decoding: units, as: UTF16.self).first { !$0.isWhitespace }
            guard first == "<" else {
                return .unrecognized("is UTF-16 text; only XML may be UTF-16, JSON and text formats must be UTF-8")
            }
            return classifyXML(path: path, head: head, text: String(decoding: units, as: UTF16.self))
        }
        if trimmed.hasPrefix("<") { return classifyXML(path: path, head: head, text: text) }
        if trimmed.hasPrefix(EventsReader.csvHeader) { return .eventsCSV }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { return FormatSniffer.classifyJSON(path: path) }
        return FormatSniffer.classifyText(head: head, isWholeFile: head.count < headBytes)
    }

    private struct FoundRoot: Error {
        let element: XMLElementStart
    }

    /// The root element of the document `read` streams (nil: it has none), or what was wrong
    /// before it.
    static func rootElement(
        _ read: (_ handle: (XMLEvent) throws -> Void) throws -> Void
    ) -> Result<XMLElementStart?, any Error> {
        do {
            try read { event in
                if case .start(let element) = event { throw FoundRoot(element: element) }
            }
            return .success(nil)
        } catch let found as FoundRoot {
            return .success(found.element)
        } catch {
            return .failure(error)
        }
    }

    /// The kind the root element names. It is looked for in `head`, the bytes already read, and
    /// in the whole file only when `head` is not all of it and ends before the root: discovery
    /// opens every file of the fleet, and a second open and parser cost more than the first read.
    private static func classifyXML(path: String, head: [UInt8], text: String) -> InputKind {
        var root = rootElement { try XMLStreamReader.read(bytes: head, displayName: path, handle: $0) }
        if head.count >= headBytes, (try? root.get()) == nil {
            root = rootElement { try XMLStreamReader.read(path: path, handle: $0) }
        }
        switch root {
        case .success(nil): return .unrecognized("has no root element")
        case .failure:
            // Malformed before the root element was seen: the reader of the format the start of
            // the file names reports the problem with its position.
            return text.contains(CycloneDXXMLImporter.namespacePrefix) ? .cycloneDXXML : .nativeInventory
        case .success(let element?):
            switch (element.namespace, element.localName) {
            case (CatalogReader.namespace, "catalog"): return .catalog
            case (FleetReader.namespace, "fleet"): return .fleet
            case (InventoryReader.namespace, "inventory"): return .nativeInventory
            case (EventsReader.namespace, "events"): return .eventsXML
            case (ExclusionRegisterReader.namespace, "exclusions"): return .exclusionRegister
            case (ReportXMLWriter.namespace, "report"), (ReportXMLWriter.namespace, "explain"),
                (ReportXMLWriter.namespace, "plans"):
                return .report
            case (let namespace?, "bom") where namespace.hasPrefix(CycloneDXXMLImporter.namespacePrefix):
                return .cycloneDXXML
            default:
                let namespace = element.namespace.map { "{\($0)}" } ?? ""
                return .unrecognized("has root element \(namespace)\(element.localName); \(accepted)")
            }
        }
    }
}
