/// `<manager>` of a host in report.xml: the manager's own recommendation scan set against the
/// report's (schema: `ManagerComparison` in report.xsd).
enum ManagerXML {
    static func write(_ comparison: ManagerComparison, to writer: XMLStreamWriter) throws {
        try writer.startElement("manager")
        try writer.attribute("agree", String(comparison.agreements))
        try writer.attribute("disagree", String(comparison.disagreements.count))
        for scan in comparison.scans {
            try writer.element(
                "scan", [("module", scan.module.rawValue), ("status", scan.status), ("scanned", scan.scanned)])
        }
        for item in comparison.disagreements {
            try writer.element(
                "disagreement",
                [
                    ("rule", item.ruleID), ("module", item.module.rawValue), ("direction", item.direction.rawValue),
                    ("cause", item.cause.rawValue),
                ], text: item.message)
        }
        try writer.endElement()
    }
}
