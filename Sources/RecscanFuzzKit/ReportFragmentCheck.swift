import RecscanCore

/// Checks that what a host's report fragment says can be read back: whatever the inventory held,
/// the fragment is well-formed XML.
enum ReportFragmentCheck {
    static func check(_ report: HostReport) -> [String] {
        let fragment: [UInt8]
        do {
            fragment = try ReportXMLWriter.fragment(for: report)
        } catch {
            return ["report fragment of \(report.hostname.debugDescription) could not be written: \(error)"]
        }
        let document = Array("<report xmlns=\"urn:recscan:report:1\">\n".utf8) + fragment + Array("</report>\n".utf8)
        do {
            try XMLStreamReader.read(bytes: document, displayName: "fragment.xml") { _ in }
            return []
        } catch {
            return ["report fragment of \(report.hostname.debugDescription) is not well-formed: \(error)"]
        }
    }
}
