import ArgumentParser

/// The formats a generated host can be written in, as operators export them. Only the
/// native inventory and osquery carry sockets, services and files; the SBOMs and package
/// databases carry packages and the OS alone, as the real ones do.
enum InventoryFormat: String, CaseIterable, ExpressibleByArgument {
    case native
    case cycloneDXXML = "cyclonedx-xml"
    case cycloneDXJSON = "cyclonedx-json"
    case spdxJSON = "spdx-json"
    /// A dpkg status file for Debian hosts, `rpm -qa --qf` output for RHEL hosts.
    case packageDatabase = "package-db"
    case osquery

    /// The file name the host is written to (hosts are named by file where a format names none).
    func fileName(_ host: SyntheticHost) -> String {
        switch self {
        case .native: "\(host.hostname).xml"
        case .cycloneDXXML: "\(host.hostname).cdx.xml"
        case .cycloneDXJSON: "\(host.hostname).cdx.json"
        case .spdxJSON: "\(host.hostname).spdx.json"
        case .packageDatabase: host.rpm ? "\(host.hostname).txt" : "\(host.hostname).status"
        case .osquery: "\(host.hostname).results.log"
        }
    }

    func render(_ host: SyntheticHost) -> String {
        switch self {
        case .native: native(host)
        case .cycloneDXXML: cycloneDXXML(host)
        case .cycloneDXJSON: cycloneDXJSON(host)
        case .spdxJSON: spdxJSON(host)
        case .packageDatabase: host.rpm ? rpmList(host) : dpkgStatus(host)
        case .osquery: osqueryLog(host)
        }
    }

    private func native(_ host: SyntheticHost) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<inventory xmlns=\"urn:recscan:inventory:1\">\n"
        xml += "  <host hostname=\"\(host.hostname)\" collected=\"\(host.collected)\">\n"
        xml += "    <os family=\"linux\" name=\"\(host.osName)\" version=\"\(host.osVersion)\" arch=\"x86_64\"/>\n"
        let ecosystem = host.rpm ? "rpm" : "deb"
        for package in host.packages {
            xml += "    <package ecosystem=\"\(ecosystem)\" name=\"\(package.name)\" version=\"\(package.version)\""
            xml += " arch=\"\(host.arch)\"/>\n"
        }
        for port in host.ports { xml += "    <listen protocol=\"tcp\" port=\"\(port)\"/>\n" }
        for service in host.services { xml += "    <service name=\"\(service)\" state=\"running\"/>\n" }
        for file in host.files { xml += "    <file path=\"\(file)\"/>\n" }
        return xml + "  </host>\n</inventory>\n"
    }

    private func cycloneDXXML(_ host: SyntheticHost) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" version=\"1\">\n"
        xml += "  <metadata><timestamp>\(host.collected)</timestamp></metadata>\n  <components>\n"
        xml += "    <component type=\"operating-system\"><name>\(host.osName)</name>"
        xml += "<version>\(host.osVersion)</version></component>\n"
        for package in host.packages {
            xml += "    <component type=\"library\"><name>\(package.name)</name><version>\(package.version)</version>"
            xml += "<purl>\(host.purl(package).replacingOccurrences(of: "&", with: "&amp;"))</purl></component>\n"
        }
        return xml + "  </components>\n</bom>\n"
    }

    private func cycloneDXJSON(_ host: SyntheticHost) -> String {
        var components = [
            "{\"type\":\"operating-system\",\"name\":\"\(host.osName)\",\"version\":\"\(host.osVersion)\"}"
        ]
        for package in host.packages {
            components.append(
                "{\"type\":\"library\",\"name\":\"\(package.name)\",\"version\":\"\(package.version)\",\"purl\":\"\(host.purl(package))\"}"
            )
        }
        return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,"
            + "\"metadata\":{\"timestamp\":\"\(host.collected)\"},\n\"components\":[\n"
            + components.joined(separator: ",\n") + "\n]}\n"
    }

    private func spdxJSON(_ host: SyntheticHost) -> String {
        var packages = [
            "{\"SPDXID\":\"SPDXRef-os\",\"name\":\"\(host.osName)\",\"versionInfo\":\"\(host.osVersion)\","
                + "\"downloadLocation\":\"NOASSERTION\",\"primaryPackagePurpose\":\"OPERATING-SYSTEM\"}"
        ]
        for (index, package) in host.packages.enumerated() {
            packages.append(
                "{\"SPDXID\":\"SPDXRef-\(index)\",\"name\":\"\(package.name)\",\"versionInfo\":\"\(package.version)\","
                    + "\"downloadLocation\":\"NOASSERTION\",\"externalRefs\":[{\"referenceCategory\":\"PACKAGE-MANAGER\","
                    + "\"referenceType\":\"purl\",\"referenceLocator\":\"\(host.purl(package))\"}]}")
        }
        return "{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"\(host.hostname)\","
            + "\"dataLicense\":\"CC0-1.0\",\"documentNamespace\":\"https://example.invalid/\(host.hostname)\","
            + "\"creationInfo\":{\"created\":\"\(host.collected)\",\"creators\":[\"Tool: recscan-bench\"]},\n"
            + "\"packages\":[\n" + packages.joined(separator: ",\n") + "\n]}\n"
    }

    private func dpkgStatus(_ host: SyntheticHost) -> String {
        var text = "Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4+deb12u11\n\n"
        for package in host.packages {
            text += "Package: \(package.name)\nStatus: install ok installed\nArchitecture: amd64\n"
            text += "Version: \(package.version)\n\n"
        }
        return text
    }

    private func rpmList(_ host: SyntheticHost) -> String {
        var text = "redhat-release 0:9.4-0.5.el9 x86_64\n"
        for package in host.packages { text += "\(package.name) 0:\(package.version) x86_64\n" }
        return text
    }

    private func osqueryLog(_ host: SyntheticHost) -> String {
        func line(_ query: String, _ rows: [String]) -> String {
            "{\"name\":\"\(query)\",\"hostIdentifier\":\"\(host.hostname)\",\"unixTime\":1795852800,"
                + "\"snapshot\":[\(rows.joined(separator: ","))],\"action\":\"snapshot\"}\n"
        }
        let os =
            "{\"name\":\"\(host.rpm ? "Red Hat Enterprise Linux" : "Debian GNU/Linux")\",\"version\":\"\(host.osVersion)\","
            + "\"platform\":\"\(host.osName)\",\"arch\":\"x86_64\"}"
        let packages = host.packages.map { package in
            guard host.rpm else {
                return "{\"name\":\"\(package.name)\",\"version\":\"\(package.version)\",\"arch\":\"amd64\","
                    + "\"status\":\"install ok installed\"}"
            }
            let parts = package.version.split(separator: "-", maxSplits: 1)
            return "{\"name\":\"\(package.name)\",\"version\":\"\(parts[0])\",\"release\":\"\(parts.last ?? "")\","
                + "\"epoch\":\"\",\"arch\":\"x86_64\"}"
        }
        let ports = host.ports.map { "{\"pid\":\"1\",\"port\":\"\($0)\",\"protocol\":\"6\",\"address\":\"0.0.0.0\"}" }
        return line("os_version", [os]) + line(host.rpm ? "rpm_packages" : "deb_packages", packages)
            + line("listening_ports", ports)
    }
}
