/// Writes hosts as a recscan inventory XML file: how `partition` splits a multi-host native
/// inventory into one file per shard. It writes what the native reader reads, so a shard reads
/// each host as a single run reads it from the original file.
enum InventoryXMLWriter {
    static func write(_ hosts: [HostInventory], to path: String) throws {
        let writer = try XMLStreamWriter(path: path)
        try writer.startElement("inventory")
        try writer.attribute("xmlns", InventoryReader.namespace)
        for host in hosts {
            try writer.startElement("host")
            try writer.attribute("hostname", host.hostname)
            try writer.attribute("collected", host.collectedFrom == .inventory ? host.collected : nil)
            if let os = host.os {
                try writer.element(
                    "os", [("family", os.family), ("name", os.name), ("version", os.version), ("arch", os.arch)])
            }
            for package in host.packages {
                try writer.element(
                    "package",
                    [
                        ("ecosystem", package.ecosystem.rawValue), ("name", package.name),
                        ("version", package.version), ("arch", package.arch),
                    ])
            }
            for port in host.listening {
                try writer.element("listen", [("protocol", port.transport), ("port", String(port.port))])
            }
            for service in host.services { try writer.element("service", [("name", service)]) }
            for file in host.files { try writer.element("file", [("path", file)]) }
            try writer.endElement()
        }
        try writer.endElement()
        try writer.close()
    }
}
