/// Reads a CycloneDX 1.4–1.6 XML SBOM, streaming, into one host (see ``SBOMHostBuilder``).
///
/// Packages are the components under `bom/components`, nested ones included; the tools under
/// `metadata` are not. `metadata/timestamp` is the collection time; a `metadata/component` of
/// type `operating-system` is the OS.
public enum CycloneDXXMLImporter: InventoryImporter {
    /// "CycloneDX XML SBOM".
    public static let formatName = "CycloneDX XML SBOM"
    static let namespacePrefix = "http://cyclonedx.org/schema/bom/"
    /// The specification versions read.
    static let versions: Set<String> = ["1.4", "1.5", "1.6"]

    /// Reads the SBOM's one host.
    public static func read(path: String, displayName: String, limits: InputLimits) throws -> [HostInventory] {
        var builder = Builder(hosts: SBOMHostBuilder(path: path, displayName: displayName))
        do {
            try XMLStreamReader.read(path: path, displayName: displayName, limits: limits) { try builder.handle($0) }
            // Components end inside out; they are added in document order, parents first.
            for entry in builder.finished.sorted(by: { $0.order < $1.order }) { try builder.hosts.add(entry.entry) }
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: [builder.hosts.host.hostname])
        }
        return [builder.hosts.host]
    }

    private struct Builder {
        var hosts: SBOMHostBuilder
        var namespace = ""
        var path: [String] = []
        /// Components being read, innermost last, with the depth of their element.
        var open: [(entry: SBOMEntry, depth: Int, isSubject: Bool, order: Int)] = []
        var finished: [(order: Int, entry: SBOMEntry)] = []
        var started = 0
        var field: (name: String, depth: Int, line: Int)?
        var text = ""

        mutating func handle(_ event: XMLEvent) throws {
            switch event {
            case .start(let element): try start(element)
            case .text(let value): if field != nil { text += value }
            case .end(let name, let depth): try end(name, depth: depth)
            }
        }

        private mutating func start(_ element: XMLElementStart) throws {
            let depth = element.depth
            if depth == 0 { try checkRoot(element) }
            path.removeSubrange(min(depth, path.count)...)
            path.append(element.namespace == namespace ? element.localName : "")
            guard element.namespace == namespace else { return }
            switch element.localName {
            case "component" where startsComponent(depth: depth):
                let isSubject = depth == 2 && path[1] == "metadata"
                let type = element["type"]?.trimmingWhitespace.lowercased() ?? ""
                open.append((SBOMEntry(type: type, line: element.line), depth, isSubject, started))
                started += 1
            case "name", "version", "purl":
                if open.last?.depth == depth - 1 { (field, text) = ((element.localName, depth, element.line), "") }
            case "timestamp" where depth == 2 && path[1] == "metadata":
                (field, text) = (("timestamp", depth, element.line), "")
            default:
                break
            }
        }

        /// A component counts under `bom/components` (nested in counted ones too) or as `metadata/component`.
        private func startsComponent(depth: Int) -> Bool {
            guard depth >= 2, path[depth - 1] == "components" || path[depth - 1] == "metadata" else { return false }
            if path[depth - 1] == "metadata" { return depth == 2 }
            if depth == 2 { return true }
            return path[depth - 2] == "component" && open.last.map { $0.depth == depth - 2 && !$0.isSubject } == true
        }

        private mutating func end(_ name: String, depth: Int) throws {
            if let current = field, current.depth == depth {
                let value = text.trimmingWhitespace
                field = nil
                if current.name == "timestamp" {
                    try hosts.collected(value, line: current.line)
                } else if !open.isEmpty, !value.isEmpty {
                    switch current.name {
                    case "name": open[open.count - 1].entry.name = value
                    case "version": open[open.count - 1].entry.version = value
                    default: open[open.count - 1].entry.purl = value
                    }
                }
            }
            guard name == "component", let last = open.last, last.depth == depth else { return }
            open.removeLast()
            if !last.isSubject || last.entry.type == "operating-system" { finished.append((last.order, last.entry)) }
        }

        private mutating func checkRoot(_ element: XMLElementStart) throws {
            let found = element.namespace ?? ""
            guard element.localName == "bom", found.hasPrefix(CycloneDXXMLImporter.namespacePrefix) else {
                throw InputError(
                    file: hosts.file, line: element.line,
                    message: "root element is {\(found)}\(element.localName), expected a CycloneDX <bom>")
            }
            let version = String(found.dropFirst(CycloneDXXMLImporter.namespacePrefix.count))
            guard CycloneDXXMLImporter.versions.contains(version) else {
                throw InputError(
                    file: hosts.file, line: element.line,
                    message: "is CycloneDX \(version); recscan reads CycloneDX 1.4, 1.5 and 1.6")
            }
            namespace = found
        }
    }
}
