/// Reads an SPDX 2.3 JSON document (2.2 is read the same way) into one host
/// (see ``SBOMHostBuilder``).
///
/// Every package is an entry: its `purl` external reference decides ecosystem and name, its
/// `versionInfo` is the version, and a package whose `primaryPackagePurpose` is
/// `OPERATING-SYSTEM` is the OS. `creationInfo.created` is the collection time. The document's
/// `name` names the document, not a host, so the host is named after the file.
public enum SPDXJSONImporter: InventoryImporter {
    /// "SPDX JSON SBOM".
    public static let formatName = "SPDX JSON SBOM"
    static let versions: Set<String> = ["SPDX-2.2", "SPDX-2.3"]

    /// Reads the document's one host.
    public static func read(path: String, displayName: String, limits: InputLimits) throws -> [HostInventory] {
        var builder = SBOMHostBuilder(path: path, displayName: displayName)
        do {
            let bytes = try InputFile.bytes(path: path, displayName: displayName, limits: limits)
            var parser = JSONParser(bytes: bytes, file: displayName, limits: limits)
            let document = try parser.singleDocument()
            let spec = document["spdxVersion"]
            guard let version = spec?.text, versions.contains(version) else {
                throw InputError(
                    file: displayName, line: spec?.line ?? document.line,
                    message:
                        "is \(spec?.text ?? "not an SPDX document (no spdxVersion)"); recscan reads SPDX-2.3 (and 2.2)")
            }
            if let created = document["creationInfo"]?["created"], let text = created.trimmedText {
                try builder.collected(text, line: created.line)
            }
            guard let packagesNode = document["packages"] else { return [builder.host] }
            guard let packages = packagesNode.array else {
                throw InputError(
                    file: displayName, line: packagesNode.line,
                    message: "packages is \(packagesNode.kindDescription), expected an array")
            }
            for package in packages { try builder.add(try entry(package, file: displayName)) }
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: [builder.host.hostname])
        }
        return [builder.host]
    }

    private static func entry(_ package: JSONNode, file: String) throws -> SBOMEntry {
        guard package.isObject else {
            throw InputError(
                file: file, line: package.line, message: "a package is \(package.kindDescription), expected an object")
        }
        var purl: String?
        for reference in package["externalRefs"]?.array ?? [] where reference["referenceType"]?.text == "purl" {
            purl = reference["referenceLocator"]?.trimmedText
            break
        }
        var version = package["versionInfo"]?.trimmedText
        if version == "NOASSERTION" || version == "NONE" { version = nil }
        return SBOMEntry(
            type: package["primaryPackagePurpose"]?.trimmedText?.lowercased() ?? "",
            name: package["name"]?.trimmedText ?? "", version: version, purl: purl, line: package.line)
    }
}
