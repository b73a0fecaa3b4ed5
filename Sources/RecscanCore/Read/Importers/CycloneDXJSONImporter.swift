/// Reads a CycloneDX 1.4–1.6 JSON SBOM into one host (see ``SBOMHostBuilder``), the same way as
/// ``CycloneDXXMLImporter``: `components` (nested ones too), `metadata.timestamp` and an
/// `operating-system` component or `metadata.component`.
public enum CycloneDXJSONImporter: InventoryImporter {
    /// "CycloneDX JSON SBOM".
    public static let formatName = "CycloneDX JSON SBOM"

    /// Reads the SBOM's one host.
    public static func read(path: String, displayName: String, limits: InputLimits) throws -> [HostInventory] {
        var builder = SBOMHostBuilder(path: path, displayName: displayName)
        do {
            let bytes = try InputFile.bytes(path: path, displayName: displayName, limits: limits)
            var parser = JSONParser(bytes: bytes, file: displayName, limits: limits)
            let document = try parser.singleDocument()
            try checkHeader(document, file: displayName)
            if let timestamp = document["metadata"]?["timestamp"], let text = timestamp.trimmedText {
                try builder.collected(text, line: timestamp.line)
            }
            if let subject = document["metadata"]?["component"], subject["type"]?.text == "operating-system" {
                try builder.add(try entry(subject, file: displayName))
            }
            try addComponents(document["components"], to: &builder)
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: [builder.host.hostname])
        }
        return [builder.host]
    }

    private static func checkHeader(_ document: JSONNode, file: String) throws {
        guard document.isObject, document["bomFormat"]?.text == "CycloneDX" else {
            throw InputError(file: file, line: document.line, message: "is not a CycloneDX BOM (bomFormat)")
        }
        let spec = document["specVersion"]
        guard let version = spec?.text, CycloneDXXMLImporter.versions.contains(version) else {
            throw InputError(
                file: file, line: spec?.line ?? document.line,
                message: "is CycloneDX \(spec?.text ?? "of no specVersion"); recscan reads CycloneDX 1.4, 1.5 and 1.6")
        }
    }

    private static func addComponents(_ node: JSONNode?, to builder: inout SBOMHostBuilder) throws {
        guard let node else { return }
        guard let components = node.array else {
            throw InputError(
                file: builder.file, line: node.line, message: "components is \(node.kindDescription), expected an array"
            )
        }
        for component in components {
            try builder.add(try entry(component, file: builder.file))
            try addComponents(component["components"], to: &builder)
        }
    }

    private static func entry(_ component: JSONNode, file: String) throws -> SBOMEntry {
        guard component.isObject else {
            throw InputError(
                file: file, line: component.line,
                message: "a component is \(component.kindDescription), expected an object")
        }
        return SBOMEntry(
            type: component["type"]?.trimmedText?.lowercased() ?? "", name: component["name"]?.trimmedText ?? "",
            version: component["version"]?.trimmedText, purl: component["purl"]?.trimmedText, line: component.line)
    }
}
