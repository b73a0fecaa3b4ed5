/// Reads a native inventory (`urn:recscan:inventory:1`) holding one or more hosts.
public enum InventoryReader {
    /// The native inventory format's XML namespace, `urn:recscan:inventory:1`.
    public static let namespace = "urn:recscan:inventory:1"

    /// Reads every host of the file.
    /// - Throws: `InventoryFileError`, which names the hosts seen before the problem.
    public static func read(path: String, displayName: String, limits: InputLimits = .standard) throws
        -> [HostInventory]
    {
        try read(path: path, displayName: displayName, limits: limits, interest: nil)
    }

    /// Reads every host of the file, keeping only the packages `interest` wants (all when `nil`);
    /// the others are still checked for their required attributes.
    public static func read(path: String, displayName: String, limits: InputLimits, interest: PackageInterest?)
        throws -> [HostInventory]
    {
        var builder = InventoryBuilder(file: displayName, interest: interest)
        do {
            try XMLSAXReader.read(path: path, displayName: displayName, limits: limits) { try builder.visit($0) }
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: builder.hostnamesSeen)
        }
        return builder.hosts
    }
}

/// An inventory file that could not be used, with the hosts it named before the problem.
public struct InventoryFileError: Error, Sendable, CustomStringConvertible {
    /// The problem that made the file unusable.
    public var error: InputError
    /// Hosts the file named before the problem, so they can be reported as `error`.
    public var hostnames: [String]

    /// Creates the error of one inventory file.
    public init(error: InputError, hostnames: [String]) {
        self.error = error
        self.hostnames = hostnames
    }

    /// The underlying problem, as printed on stderr.
    public var description: String { error.description }
}

/// Builds hosts from SAX events: inventories are the bulk of every run, so this reader
/// compares names in place and makes strings only of the attribute values it keeps.
private struct InventoryBuilder {
    let file: String
    let interest: PackageInterest?
    var hosts: [HostInventory] = []
    var hostnamesSeen: [String] = []
    /// The host being read; meaningful only while `inHost` (kept out of an optional, which
    /// Swift would copy on every check).
    var current = HostInventory(hostname: "")
    var inHost = false
    private var inventoryNamespace = InternedName("urn:recscan:inventory:1")
    private var packageName = InternedName("package")
    // A package's attributes, looked up a million times per thousand hosts.
    private var ecosystemAttribute = InternedName("ecosystem")
    private var nameAttribute = InternedName("name")
    private var versionAttribute = InternedName("version")
    private var archAttribute = InternedName("arch")

    init(file: String, interest: PackageInterest?) {
        self.file = file
        self.interest = interest
    }

    mutating func visit(_ cursor: SAXElement) throws {
        switch cursor.kind {
        case .text:
            return
        case .end:
            if cursor.depth == 1, inHost, cursor.isNamed("host") {
                hosts.append(current)
                current = HostInventory(hostname: "")
                inHost = false
            }
        case .start:
            if cursor.depth == 0 {
                guard cursor.isNamed("inventory"), cursor.isIn("urn:recscan:inventory:1") else {
                    let found = cursor.namespace.map { "{\($0)}" } ?? ""
                    throw error(
                        cursor,
                        "root element is \(found)\(cursor.localName), expected {\(InventoryReader.namespace)}inventory")
                }
                return
            }
            guard inventoryNamespace.isNamespace(of: cursor) else { return }
            if packageName.isLocalName(of: cursor) {
                if inHost { try package(cursor) }
            } else if cursor.isNamed("host") {
                try startHost(cursor)
            } else if inHost {
                try detail(cursor)
            }
        }
    }

    private mutating func package(_ cursor: SAXElement) throws {
        let (ecosystemBytes, nameBytes) = cursor.bytes(&ecosystemAttribute, &nameAttribute)
        guard let ecosystem = try ecosystemBytes.flatMap(Ecosystem.init(bytes:)) ?? ecosystem(cursor) else {
            return
        }
        current.packageCounts.add(ecosystem)
        // Most packages concern no rule: decided on the name's bytes when they need no trimming.
        var wanted: Bool?
        if let interest, let name = nameBytes, let first = name.first, let last = name.last,
            first > 0x20, first < 0x80, last > 0x20, last < 0x80
        {
            guard interest.wants(ecosystem, name: name) else { return }
            wanted = true
        }
        let name = try required(nameBytes.map { String(decoding: $0, as: UTF8.self) }, "name", cursor)
        if let interest, wanted == nil, !interest.wants(ecosystem, name: name) { return }
        let package = InstalledPackage(
            ecosystem: ecosystem, name: name, version: cursor.value(&versionAttribute)?.trimmingWhitespace ?? "",
            arch: nonEmpty(cursor.value(&archAttribute)), source: file)
        current.packages.append(package)
    }

    /// The ecosystem of a package whose attribute is not spelled exactly as a known one.
    private func ecosystem(_ cursor: SAXElement) throws -> Ecosystem? {
        let ecosystemName = try required(cursor.value("ecosystem"), "ecosystem", cursor)
        guard let ecosystem = Ecosystem(rawValue: ecosystemName) else {
            let accepted = Ecosystem.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(cursor, "ecosystem=\"\(ecosystemName)\" on <package> is not one of: \(accepted)")
        }
        return ecosystem
    }

    private mutating func detail(_ cursor: SAXElement) throws {
        if cursor.isNamed("os") {
            let os = OperatingSystem(
                family: try required(cursor.value("family"), "family", cursor).lowercased(),
                name: nonEmpty(cursor.value("name"))?.lowercased() ?? "",
                version: nonEmpty(cursor.value("version")) ?? "",
                arch: nonEmpty(cursor.value("arch")))
            current.os = os
        } else if cursor.isNamed("listen") {
            let transport = try required(cursor.value("protocol"), "protocol", cursor).lowercased()
            let raw = try required(cursor.value("port"), "port", cursor)
            guard let port = ListeningPort.port(raw) else {
                throw error(cursor, "port=\"\(raw)\" on <listen> is not a port number (1-65535)")
            }
            current.listening.append(ListeningPort(transport: transport, port: port))
        } else if cursor.isNamed("service") {
            let service = try required(cursor.value("name"), "name", cursor)
            current.services.append(service)
        } else if cursor.isNamed("file") {
            let path = try required(cursor.value("path"), "path", cursor)
            current.files.append(path)
        }
    }

    private mutating func startHost(_ cursor: SAXElement) throws {
        let hostname = try required(cursor.value("hostname"), "hostname", cursor)
        hostnamesSeen.append(hostname)
        var host = HostInventory(hostname: hostname)
        if let collected = nonEmpty(cursor.value("collected")) {
            guard let seconds = Timestamps.epochSeconds(dateTime: collected) else {
                throw error(cursor, "collected=\"\(collected)\" is not an ISO 8601 date and time")
            }
            host.collected = collected
            host.collectedEpochSeconds = seconds
        }
        host.sources = [file]
        current = host
        inHost = true
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingWhitespace, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    private func required(_ value: String?, _ name: String, _ cursor: SAXElement) throws -> String {
        guard let value = nonEmpty(value) else {
            throw error(cursor, "<\(cursor.localName)> needs a non-empty \(name) attribute")
        }
        return value
    }

    private func error(_ cursor: SAXElement, _ message: String) -> InputError {
        InputError(file: file, line: cursor.line, message: message)
    }
}
