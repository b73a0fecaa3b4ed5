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
            try XMLStreamReader.read(path: path, displayName: displayName, limits: limits) { try builder.handle($0) }
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

private struct InventoryBuilder {
    let file: String
    var hosts: [HostInventory] = []
    var hostnamesSeen: [String] = []
    var current: HostInventory?

    init(file: String) { self.file = file }

    mutating func handle(_ event: XMLEvent) throws {
        guard case .start(let element) = event else {
            if case .end("host", 1) = event, let host = current {
                hosts.append(host)
                current = nil
            }
            return
        }
        let attributes = ElementAttributes(element: element, file: file)
        if element.depth == 0 {
            try expectRoot(element, name: "inventory", namespace: InventoryReader.namespace, file: file)
            return
        }
        guard element.namespace == InventoryReader.namespace else { return }
        if element.localName == "host" {
            try startHost(attributes)
            return
        }
        guard current != nil else { return }
        switch element.localName {
        case "os":
            current?.os = OperatingSystem(
                family: try attributes.required("family").lowercased(),
                name: attributes.optional("name")?.lowercased() ?? "",
                version: attributes.optional("version") ?? "", arch: attributes.optional("arch"))
        case "package":
            current?.packages.append(
                InstalledPackage(
                    ecosystem: try attributes.requiredChoice("ecosystem", as: Ecosystem.self),
                    name: try attributes.required("name"), version: attributes.optional("version") ?? "",
                    arch: attributes.optional("arch"), source: file))
        case "listen":
            current?.listening.append(
                ListeningPort(transport: try attributes.required("protocol").lowercased(), port: try attributes.port()))
        case "service":
            current?.services.append(try attributes.required("name"))
        case "file":
            current?.files.append(try attributes.required("path"))
        default:
            break
        }
    }

    private mutating func startHost(_ attributes: ElementAttributes) throws {
        let hostname = try attributes.required("hostname")
        hostnamesSeen.append(hostname)
        var host = HostInventory(hostname: hostname)
        if let collected = attributes.optional("collected") {
            guard let seconds = Timestamps.epochSeconds(dateTime: collected) else {
                throw attributes.error("collected=\"\(collected)\" is not an ISO 8601 date and time")
            }
            host.collected = collected
            host.collectedEpochSeconds = seconds
        }
        host.sources = [file]
        current = host
    }
}
