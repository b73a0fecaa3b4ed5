import Foundation

@testable import RecscanCore

/// The sample fleet of `Inventories/`, read as a scan reads it, at the sample's reference time.
enum SampleFleet {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var inventories: String { repository.appendingPathComponent("Inventories").path }

    static func options() -> ScanOptions {
        var options = ScanOptions()
        options.inventories = inventories
        options.referenceTime = Fixture.referenceTime
        return options
    }

    static func load() async throws -> ScanInputs {
        try await ScanInputs.load(options()) { _ in }
    }

    /// Checks `xml` against the bundled report schema; returns the problems.
    static func schemaProblems(_ xml: String) throws -> [InputError] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("document.xml", xml)
        return try XMLSchemaValidator(xsd: BundledSchema.report.bytes, name: "report.xsd").validate(path: path)
    }
}
