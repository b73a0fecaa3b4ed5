/// A package ecosystem; decides the version scheme and how names compare.
public enum Ecosystem: String, Sendable, CaseIterable, Comparable {
    case deb, rpm, pypi, npm, maven, nuget, gem, golang, cargo, windows, generic

    public static func < (lhs: Ecosystem, rhs: Ecosystem) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The version scheme packages of this ecosystem use.
    public var scheme: VersionSchemeKind {
        switch self {
        case .deb: .deb
        case .rpm: .rpm
        case .pypi: .pep440
        case .maven: .maven
        case .npm, .cargo, .golang, .nuget: .semver
        case .gem, .windows, .generic: .generic
        }
    }

    /// The name as the ecosystem compares it: PEP 503 for pypi, case-insensitive for
    /// Windows products, exact otherwise.
    public func normalizedName(_ name: String) -> String {
        switch self {
        case .pypi:
            var result = ""
            var lastWasSeparator = false
            for character in name.lowercased() {
                if character == "-" || character == "_" || character == "." {
                    if !lastWasSeparator { result.append("-") }
                    lastWasSeparator = true
                } else {
                    result.append(character)
                    lastWasSeparator = false
                }
            }
            return result
        case .windows, .nuget: return name.lowercased()
        default: return name
        }
    }
}

/// The operating system a host runs.
public struct OperatingSystem: Sendable, Equatable {
    public var family: String
    public var name: String
    public var version: String
    public var arch: String?
}

/// One installed package.
public struct InstalledPackage: Sendable, Equatable {
    public var ecosystem: Ecosystem
    public var name: String
    public var version: String
    public var arch: String?
    /// The file the package was read from, kept as evidence.
    public var source: String?
}

/// A socket a host listens on.
public struct ListeningPort: Sendable, Equatable, Hashable {
    public var transport: String
    public var port: Int
}

/// What one host runs, as its inventory says.
public struct HostInventory: Sendable, Equatable {
    public var hostname: String
    /// The collection time as written in the inventory (ISO 8601).
    public var collected: String?
    /// `collected` in seconds since 1970, when it parsed.
    public var collectedEpochSeconds: Int64?
    public var os: OperatingSystem?
    public var packages: [InstalledPackage] = []
    public var listening: [ListeningPort] = []
    public var services: [String] = []
    public var files: [String] = []
    /// Files this host was read from.
    public var sources: [String] = []
}
