/// One package-like entry of an SBOM (a CycloneDX component or an SPDX package), as read.
struct SBOMEntry: Sendable {
    /// The CycloneDX component type or SPDX primary package purpose, lowercased; "" when absent.
    var type = ""
    var name = ""
    var version: String?
    var purl: String?
    var line = 0
}

/// Turns the entries of an SBOM into one host, the same way for CycloneDX and SPDX.
///
/// - The host is named after the file: an SBOM describes software, and the name of its subject
///   (an application, a container image) is not a host name.
/// - An entry with a package URL takes its ecosystem, name, version and arch from it; one
///   without is a `generic` package under its own name.
/// - An `operating-system` entry is the host's OS, not a package. Without one, the first deb
///   or rpm package URL gives it (its `distro` qualifier, else its namespace), marked as inferred.
/// - Entries that describe what holds software rather than software (`device`, `container`,
///   `platform`, `file`, `data`, ...) are not packages.
struct SBOMHostBuilder {
    static let notSoftware: Set<String> = [
        "device", "container", "platform", "file", "data", "machine-learning-model", "cryptographic-asset",
        "source", "archive",
    ]

    let file: String
    var host: HostInventory

    init(path: String, displayName: String) {
        file = displayName
        host = HostInventory(hostname: HostNames.fromFile(path))
        host.sources = [displayName]
    }

    /// Sets the collection time from an ISO 8601 timestamp.
    mutating func collected(_ timestamp: String, line: Int) throws {
        guard let seconds = Timestamps.epochSeconds(dateTime: timestamp) else {
            throw InputError(
                file: file, line: line, message: "timestamp \"\(timestamp)\" is not an ISO 8601 date and time")
        }
        host.collected = timestamp
        host.collectedEpochSeconds = seconds
    }

    /// Adds one entry: a package, or the OS.
    mutating func add(_ entry: SBOMEntry) throws {
        guard !entry.name.isEmpty || entry.purl != nil else {
            throw InputError(file: file, line: entry.line, message: "has a component or package without a name")
        }
        if entry.type == "operating-system" {
            if host.os == nil || host.os?.inferredFrom != nil { host.os = Self.operatingSystem(entry) }
            return
        }
        guard !Self.notSoftware.contains(entry.type) else { return }
        var package = InstalledPackage(
            ecosystem: .generic, name: entry.name, version: entry.version ?? "", arch: nil, source: file)
        if let text = entry.purl {
            guard let purl = PackageURL(text) else {
                throw InputError(file: file, line: entry.line, message: "purl \"\(text)\" is not a package URL")
            }
            package.ecosystem = purl.ecosystem
            package.name = purl.packageName
            package.version = purl.packageVersion ?? entry.version ?? ""
            package.arch = purl.qualifiers["arch"]
            package.purl = text
            if host.os == nil, let distribution = purl.distribution {
                host.os = OperatingSystem(
                    family: "linux", name: distribution.name, version: distribution.version, arch: nil,
                    inferredFrom: "purl \(text)")
            }
        }
        host.packages.append(package)
    }

    /// The OS an `operating-system` entry describes: its name as a distribution id, its version.
    static func operatingSystem(_ entry: SBOMEntry) -> OperatingSystem {
        let id = ReleasePackages.distributionID(entry.name)
        let family = id == "windows" ? "windows" : id == "macos" ? "macos" : "linux"
        return OperatingSystem(family: family, name: id, version: entry.version ?? "", arch: nil)
    }
}
