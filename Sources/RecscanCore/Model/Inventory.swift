import Foundation

/// A package ecosystem; decides the version scheme and how names compare.
public enum Ecosystem: String, Sendable, CaseIterable, Comparable {
    case deb, rpm, pypi, npm, maven, nuget, gem, golang, cargo, windows, generic

    /// Orders ecosystems by name, alphabetically.
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
    /// Windows products and nuget, crates.io's rule for cargo (case-insensitive, `-` and `_`
    /// alike), exact otherwise (deb, rpm, npm, maven, gem and golang names are case-sensitive).
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
        case .cargo: return String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        default: return name
        }
    }

    /// The ecosystem spelled exactly by `bytes`, without making a string (readers of large
    /// inventories ask once per package).
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        func spelled(_ name: StaticString) -> Bool {
            guard name.utf8CodeUnitCount == bytes.count, let given = bytes.baseAddress else { return false }
            return memcmp(name.utf8Start, given, bytes.count) == 0
        }
        switch bytes.first {
        case UInt8(ascii: "d") where spelled("deb"): self = .deb
        case UInt8(ascii: "r") where spelled("rpm"): self = .rpm
        case UInt8(ascii: "p") where spelled("pypi"): self = .pypi
        case UInt8(ascii: "n") where spelled("npm"): self = .npm
        case UInt8(ascii: "n") where spelled("nuget"): self = .nuget
        case UInt8(ascii: "m") where spelled("maven"): self = .maven
        case UInt8(ascii: "g") where spelled("gem"): self = .gem
        case UInt8(ascii: "g") where spelled("golang"): self = .golang
        case UInt8(ascii: "g") where spelled("generic"): self = .generic
        case UInt8(ascii: "c") where spelled("cargo"): self = .cargo
        case UInt8(ascii: "w") where spelled("windows"): self = .windows
        default: return nil
        }
    }

    /// Whether ``normalizedName(_:)`` leaves every name as it is.
    var comparesNamesExactly: Bool {
        switch self {
        case .pypi, .windows, .nuget, .cargo: false
        default: true
        }
    }
}

/// The operating system a host runs.
public struct OperatingSystem: Sendable, Equatable {
    /// The OS family, e.g. "linux" or "windows".
    public var family: String
    /// The distribution id, e.g. "debian", "ubuntu", "rhel" or "windows".
    public var name: String
    /// The OS version, e.g. "12"; OS constraints match it by prefix or range.
    public var version: String
    /// The CPU architecture, e.g. "x86_64", when reported.
    public var arch: String?
    /// What the OS was inferred from when the inventory does not state it, e.g.
    /// "base-files 12.4+deb12u11" or "purl distro=debian-12"; `nil` when stated. A stated OS
    /// wins over an inferred one when a host's files are merged.
    public var inferredFrom: String? = nil
}

/// One installed package.
public struct InstalledPackage: Sendable, Equatable {
    /// The ecosystem the package comes from, which decides its version scheme.
    public var ecosystem: Ecosystem
    /// The package name as the ecosystem spells it, e.g. "apache2".
    public var name: String
    /// The installed version in the ecosystem's scheme, e.g. "2.4.62-1~deb12u2".
    public var version: String
    /// The package's architecture, e.g. "amd64", when reported.
    public var arch: String?
    /// The file the package was read from, kept as evidence.
    public var source: String?
    /// Whether the inventory left the epoch out although the package may have one: `rpm -qa`'s
    /// default output never prints it. Such a version is compared with a range as if it had the
    /// epoch of each bound (version and release decide).
    public var epochUnknown = false
    /// The package URL the inventory gave, kept as evidence.
    public var purl: String? = nil
    /// The source package it was built from (dpkg `Source:`), when it differs from `name`.
    public var sourcePackage: String? = nil
    /// The source package's version (dpkg `Source: name (version)`), when it differs from `version`.
    public var sourceVersion: String? = nil
}

/// A socket a host listens on.
public struct ListeningPort: Sendable, Equatable, Hashable {
    /// The port numbers a socket can have.
    public static let validPorts = 1...65535

    /// The port `text` names, or `nil` when it is not a number in ``validPorts``.
    public static func port(_ text: String) -> Int? {
        guard let value = Int(text), validPorts.contains(value) else { return nil }
        return value
    }

    /// The transport protocol, e.g. "tcp" or "udp".
    public var transport: String
    /// The port number listened on, e.g. 443.
    public var port: Int
}

/// What one host runs, as its inventory says.
public struct HostInventory: Sendable, Equatable {
    /// The host's name; hostnames match case-insensitively.
    public var hostname: String
    /// The collection time as written in the inventory (ISO 8601).
    public var collected: String?
    /// `collected` in seconds since 1970, when it parsed.
    public var collectedEpochSeconds: Int64?
    /// The operating system, when the inventory reports it.
    public var os: OperatingSystem?
    /// Packages installed on the host.
    public var packages: [InstalledPackage] = []
    /// Sockets the host listens on.
    public var listening: [ListeningPort] = []
    /// Names of services present on the host, whatever their state.
    public var services: [String] = []
    /// Paths of files present on the host.
    public var files: [String] = []
    /// Files this host was read from.
    public var sources: [String] = []
    /// Where `collected` came from.
    public var collectedFrom: CollectionTimeSource = .inventory
    /// The format each of `sources` was read as, by file.
    public var formats: [String: String] = [:]
    /// Packages per ecosystem as listed, counted before those no rule names were dropped.
    public var packageCounts = EcosystemCounts()
}
