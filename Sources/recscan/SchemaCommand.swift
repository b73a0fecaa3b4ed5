import ArgumentParser
import RecscanCore

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the XSD of one of recscan's XML formats.")

    @Argument(help: "catalog, fleet, inventory, events or report")
    var name: String

    func run() throws {
        guard let schema = BundledSchema(rawValue: name) else {
            throw ValidationError(
                "unknown schema '\(name)'; choose one of: \(BundledSchema.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        print(String(decoding: schema.bytes, as: UTF8.self), terminator: "")
    }
}
