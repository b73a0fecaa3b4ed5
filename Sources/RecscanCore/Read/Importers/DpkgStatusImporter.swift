/// Reads a dpkg status file (`/var/lib/dpkg/status`): one host, named after the file.
///
/// A package counts when its files are on the host: every state but `not-installed` and
/// `config-files` (removed, configuration left). The selection does not decide:
/// `deinstall ok installed` is marked for removal but still installed. Versions are kept whole,
/// epoch included (`1:9.2p1-2+deb12u3`); `Source:` names and versions are kept as evidence.
/// The OS is inferred (see ``ReleasePackages``).
public enum DpkgStatusImporter: InventoryImporter {
    /// "dpkg status file".
    public static let formatName = "dpkg status file"

    static let states: Set<String> = [
        "not-installed", "config-files", "half-installed", "unpacked", "half-configured", "triggers-awaited",
        "triggers-pending", "installed",
    ]
    static let absentStates: Set<String> = ["not-installed", "config-files"]

    /// Reads the installed packages of the file.
    public static func read(path: String, displayName: String, limits: InputLimits) throws -> [HostInventory] {
        let hostname = HostNames.fromFile(path)
        do {
            let bytes = try InputFile.bytes(path: path, displayName: displayName, limits: limits)
            var host = HostInventory(hostname: hostname)
            host.sources = [displayName]
            var baseFiles: String?
            var paragraph = Paragraph()
            for (number, text) in InputFile.lines(bytes, trailingBlank: true) {
                if text.trimmingWhitespace.isEmpty {
                    if !paragraph.fields.isEmpty, let package = try paragraph.package(file: displayName) {
                        if package.name == "base-files" { baseFiles = package.version }
                        host.packages.append(package)
                    }
                    paragraph = Paragraph()
                } else if text.first == " " || text.first == "\t" {
                    guard paragraph.lastField != nil else {
                        throw InputError(file: displayName, line: number, message: "starts with a continuation line")
                    }
                } else if let colon = text.firstIndex(of: ":"), colon != text.startIndex {
                    let field = String(text[..<colon]).lowercased()
                    if paragraph.fields.isEmpty { paragraph.line = number }
                    paragraph.fields[field] = (String(text[text.index(after: colon)...]).trimmingWhitespace, number)
                    paragraph.lastField = field
                } else {
                    throw InputError(
                        file: displayName, line: number,
                        message: "line \"\(text.prefix(60))\" is not a \"Field: value\" line of a dpkg status file")
                }
            }
            host.os = ReleasePackages.debian(baseFiles: baseFiles)
            return [host]
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: [hostname])
        }
    }

    /// One stanza of the status file: fields by lowercased name, with the line each is on.
    private struct Paragraph {
        var fields: [String: (value: String, line: Int)] = [:]
        var lastField: String?
        var line = 0

        func package(file: String) throws -> InstalledPackage? {
            guard let name = fields["package"]?.value, !name.isEmpty else {
                throw InputError(file: file, line: line, message: "has a stanza without a Package field")
            }
            guard let status = fields["status"] else {
                throw InputError(
                    file: file, line: line,
                    message: "package \(name) has no Status field: a dpkg status file has one for every package"
                        + " (a Packages index lists what could be installed, not what is)")
            }
            let words = status.value.split(whereSeparator: \.isBlank)
            guard words.count == 3, let state = words.last.map(String.init), DpkgStatusImporter.states.contains(state)
            else {
                throw InputError(
                    file: file, line: status.line,
                    message: "Status \"\(status.value)\" of \(name) is not \"want flag state\" with a dpkg state")
            }
            if DpkgStatusImporter.absentStates.contains(state) { return nil }
            guard let version = fields["version"]?.value, !version.isEmpty else {
                throw InputError(file: file, line: line, message: "installed package \(name) has no Version field")
            }
            var package = InstalledPackage(
                ecosystem: .deb, name: name, version: version, arch: fields["architecture"]?.value, source: file)
            if let source = fields["source"]?.value, !source.isEmpty {
                // "Source: openssl" or "Source: openssl (3.0.19-1~deb12u2)" when the versions differ.
                let parts = source.split(separator: " ", maxSplits: 1)
                let sourceName = String(parts[0])
                if sourceName != name { package.sourcePackage = sourceName }
                if parts.count == 2 {
                    package.sourceVersion = String(parts[1].filter { $0 != "(" && $0 != ")" }).trimmingWhitespace
                }
            }
            return package
        }
    }
}
