import ArgumentParser
import RecscanCore

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the XSD of one of recscan's XML formats, or the JSON Schema of report.json (report-json).",
        discussion: """
            Examples:
              recscan schema inventory > inventory.xsd && xmllint --schema inventory.xsd --noout host.xml
              recscan schema report-json > report.schema.json
            """)

    @Argument(help: "catalog, fleet, inventory, events, exclusions, report or report-json")
    var name: String

    func run() throws {
        if let schema = BundledSchema(rawValue: name) {
            print(String(decoding: schema.bytes, as: UTF8.self), terminator: "")
        } else if let schema = BundledJSONSchema(rawValue: name) {
            print(String(decoding: schema.bytes, as: UTF8.self), terminator: "")
        } else {
            let names = BundledSchema.allCases.map(\.rawValue) + BundledJSONSchema.allCases.map(\.rawValue)
            throw ValidationError("unknown schema '\(name)'; choose one of: \(names.joined(separator: ", "))")
        }
    }
}
