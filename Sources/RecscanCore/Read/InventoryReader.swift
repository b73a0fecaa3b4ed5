/// Reads a native inventory (`urn:recscan:inventory:1`) holding one or more hosts.
public enum InventoryReader {
    /// The native inventory format's XML namespace, `urn:recscan:inventory:1`.
    public static let namespace = "urn:recscan:inventory:1"

    /// Reads every host of the file.
    /// - Throws: `InventoryFileError`, which names the hosts seen before the problem.
    public static func read(path: String, displayName: String, limits: InputLimits = .standard) throws
        -> [HostInventory]
    {
        var builder = InventoryBuilder(file: displayName)
        do {
            try XMLStreamReader.read(path: path, displayName: displayName, limits: limits) { try builder.visit($0) }
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

/// Builds hosts from the cursor: inventories are the bulk of every run, so this reader
/// compares names in place and makes strings only of the attribute values it keeps.
private struct InventoryBuilder {
    let file: String
    var hosts: [HostInventory] = []
    var hostnamesSeen: [String] = []
    var current: HostInventory?

    init(file: String) { self.file = file }

    mutating func visit(_ cursor: XMLCursor) throws {
        switch cursor.kind {
        case .text:
            return
        case .end:
            if cursor.depth == 1, cursor.isNamed("host"), let host = current {
                hosts.append(host)
                current = nil
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
            guard cursor.isIn("urn:recscan:inventory:1") else { return }
            if cursor.isNamed("package") {
                if current != nil { try package(cursor) }
            } else if cursor.isNamed("host") {
                try startHost(cursor)
            } else if current != nil {
                try detail(cursor)
            }
        }
    }

    private mutating func package(_ cursor: XMLCursor) throws {
        let values = cursor.attributes(["ecosystem", "name", "version", "arch"])
        let ecosystemName = try required(values[0], "ecosystem", cursor)
        guard let ecosystem = Ecosystem(rawValue: ecosystemName) else {
            let accepted = Ecosystem.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(cursor, "ecosystem=\"\(ecosystemName)\" on <package> is not one of: \(accepted)")
        }
        let package = InstalledPackage(
            ecosystem: ecosystem, name: try required(values[1], "name", cursor),
            version: values[2]?.trimmingWhitespace ?? "", arch: nonEmpty(values[3]), source: file)
        current?.packages.append(package)
    }

    private mutating func detail(_ cursor: XMLCursor) throws {
        if cursor.isNamed("os") {
            let values = cursor.attributes(["family", "name", "version", "arch"])
            let os = OperatingSystem(
                family: try required(values[0], "family", cursor).lowercased(),
                name: nonEmpty(values[1])?.lowercased() ?? "", version: nonEmpty(values[2]) ?? "",
                arch: nonEmpty(values[3]))
            current?.os = os
        } else if cursor.isNamed("listen") {
            let values = cursor.attributes(["protocol", "port"])
            let transport = try required(values[0], "protocol", cursor).lowercased()
            let raw = try required(values[1], "port", cursor)
            guard let port = ListeningPort.port(raw) else {
                throw error(cursor, "port=\"\(raw)\" on <listen> is not a port number (1-65535)")
            }
            current?.listening.append(ListeningPort(transport: transport, port: port))
        } else if cursor.isNamed("service") {
            let service = try required(cursor.attributes(["name"])[0], "name", cursor)
            current?.services.append(service)
        } else if cursor.isNamed("file") {
            let path = try required(cursor.attributes(["path"])[0], "path", cursor)
            current?.files.append(path)
        }
    }

    private mutating func startHost(_ cursor: XMLCursor) throws {
        let values = cursor.attributes(["hostname", "collected"])
        let hostname = try required(values[0], "hostname", cursor)
        hostnamesSeen.append(hostname)
        var host = HostInventory(hostname: hostname)
        if let collected = nonEmpty(values[1]) {
            guard let seconds = Timestamps.epochSeconds(dateTime: collected) else {
                throw error(cursor, "collected=\"\(collected)\" is not an ISO 8601 date and time")
            }
            host.collected = collected
            host.collectedEpochSeconds = seconds
        }
        host.sources = [file]
        current = host
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingWhitespace, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    private func required(_ value: String?, _ name: String, _ cursor: XMLCursor) throws -> String {
        guard let value = nonEmpty(value) else {
            throw error(cursor, "<\(cursor.localName)> needs a non-empty \(name) attribute")
        }
        return value
    }

    private func error(_ cursor: XMLCursor, _ message: String) -> InputError {
        InputError(file: file, line: cursor.line, message: message)
    }
}
