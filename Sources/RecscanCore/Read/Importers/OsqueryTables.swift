/// The osquery tables recscan reads, recognized by their columns (a query result does not say
/// which table it came from), and how each row adds to a host.
enum OsqueryTable: String, Sendable {
    case osVersion = "os_version"
    case debPackages = "deb_packages"
    case rpmPackages = "rpm_packages"
    case programs
    case listeningPorts = "listening_ports"

    /// The table a row with these columns comes from; `nil` for any other table.
    static func recognize(columns: Set<String>) -> OsqueryTable? {
        if columns.isSuperset(of: ["name", "version", "platform"]) { return .osVersion }
        if columns.isSuperset(of: ["port", "protocol"]),
            !columns.isDisjoint(with: ["pid", "address", "socket", "fd", "family"])
        {
            return .listeningPorts
        }
        guard columns.isSuperset(of: ["name", "version"]) else { return nil }
        if columns.contains("release") { return .rpmPackages }
        if !columns.isDisjoint(with: ["publisher", "install_location", "identifying_number", "uninstall_string"]) {
            return .programs
        }
        if !columns.isDisjoint(with: ["revision", "maintainer", "status", "priority", "section"]) {
            return .debPackages
        }
        return nil
    }

    /// Adds one row of this table to `host`.
    /// - Throws: `InputError` at the row's line when a value this table needs is missing or wrong.
    func add(_ row: JSONNode, to host: inout HostInventory, file: String) throws {
        func value(_ column: String) -> String? { row[column]?.trimmedText }
        func required(_ column: String) throws -> String {
            guard let text = value(column) else {
                throw InputError(file: file, line: row.line, message: "\(rawValue) row has no \(column)")
            }
            return text
        }
        switch self {
        case .osVersion:
            host.os = try operatingSystem(value, required: required)
        case .debPackages:
            if let status = value("status"), let state = status.split(separator: " ").last,
                DpkgStatusImporter.absentStates.contains(String(state))
            {
                return
            }
            let name = try required("name")
            var package = InstalledPackage(
                ecosystem: .deb, name: name, version: try required("version"), arch: value("arch"), source: file)
            if let source = value("source"), source != name { package.sourcePackage = source }
            host.packages.append(package)
        case .rpmPackages:
            var version = "\(try required("version"))-\(try required("release"))"
            if let epoch = value("epoch"), epoch != "0" { version = "\(epoch):\(version)" }
            host.packages.append(
                InstalledPackage(
                    ecosystem: .rpm, name: try required("name"), version: version, arch: value("arch"), source: file))
        case .programs:
            host.packages.append(
                InstalledPackage(
                    ecosystem: .windows, name: try required("name"), version: value("version") ?? "", arch: nil,
                    source: file))
        case .listeningPorts:
            guard let port = Int(try required("port")) else {
                throw InputError(
                    file: file, line: row.line,
                    message: "listening_ports row has port \(value("port") ?? ""), not a number")
            }
            // Unix sockets (family 1, a path, port 0) and raw sockets listen on nothing a rule inspects.
            guard ListeningPort.validPorts.contains(port), let transport = Self.transport(value("protocol") ?? "")
            else { return }
            let listen = ListeningPort(transport: transport, port: port)
            if !host.listening.contains(listen) { host.listening.append(listen) }
        }
    }

    private func operatingSystem(_ value: (String) -> String?, required: (String) throws -> String) throws
        -> OperatingSystem
    {
        let platform = value("platform")?.lowercased() ?? ""
        let id =
            platform.isEmpty || platform == "posix" ? ReleasePackages.distributionID(try required("name")) : platform
        let family = id == "windows" ? "windows" : id == "darwin" || id == "macos" ? "macos" : "linux"
        // "12 (bookworm)", "22.04.3 LTS (Jammy Jellyfish)", "10.0.17763": the leading dotted number.
        var version = String((value("version") ?? "").prefix { $0.isNumber || $0 == "." })
        if version.isEmpty, let major = value("major") {
            version = [major, value("minor")].compactMap { $0 }.joined(separator: ".")
        }
        // Windows rules bound the build revision (10.0.17763.2451): osquery reports it apart.
        if family == "windows", let revision = value("revision"), revision.allSatisfy(\.isNumber) {
            version += ".\(revision)"
        }
        return OperatingSystem(
            family: family, name: family == "macos" ? "macos" : id, version: version, arch: value("arch"))
    }

    /// "tcp" or "udp" for osquery's IP protocol numbers (or names).
    static func transport(_ text: String) -> String? {
        switch text.lowercased() {
        case "6", "tcp": "tcp"
        case "17", "udp": "udp"
        case "132", "sctp": "sctp"
        default: nil
        }
    }
}
