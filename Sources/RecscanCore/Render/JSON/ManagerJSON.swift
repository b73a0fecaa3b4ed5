/// The `manager` member of a host in `report.json`, with the names `<manager>` has in report.xml.
enum ManagerJSON {
    /// `,"manager":{"agree":..,"disagree":..,"scans":[...],"disagreements":[...]}`.
    static func write(_ comparison: ManagerComparison, to json: inout JSONBytes) {
        json.key("manager")
        json.open("agree")
        json.number(comparison.agreements)
        json.field("disagree", comparison.disagreements.count)
        json.array("scans", comparison.scans) { json, scan in
            json.open("module")
            json.plainString(scan.module.rawValue)
            json.optional("status", scan.status)
            json.optional("scanned", scan.scanned)
            json.close()
        }
        json.array("disagreements", comparison.disagreements) { json, item in
            json.open("rule")
            json.string(item.ruleID)
            json.field("module", word: item.module.rawValue)
            json.field("direction", word: item.direction.rawValue)
            json.field("cause", word: item.cause.rawValue)
            json.field("message", item.message)
            json.close()
        }
        json.close()
    }
}
