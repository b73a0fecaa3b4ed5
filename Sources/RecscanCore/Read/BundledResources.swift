/// The schemas and the default catalog compiled into the program.
public enum BundledSchema: String, Sendable, CaseIterable {
    case catalog, fleet, inventory, events, exclusions, report

    /// The XSD text.
    public var bytes: [UInt8] {
        switch self {
        case .catalog: PackageResources.catalog_xsd
        case .fleet: PackageResources.fleet_xsd
        case .inventory: PackageResources.inventory_xsd
        case .events: PackageResources.events_xsd
        case .exclusions: PackageResources.exclusions_xsd
        case .report: PackageResources.report_xsd
        }
    }

    /// The namespace of documents this schema describes.
    public var namespace: String { "urn:recscan:\(rawValue):1" }

    /// The root element of documents this schema describes.
    public var rootElement: String { rawValue }
}

/// The JSON Schemas compiled into the program (draft 2020-12), printed by `recscan schema NAME`.
public enum BundledJSONSchema: String, Sendable, CaseIterable {
    /// `report.json`, the JSON twin of `report.xml`.
    case reportJSON = "report-json"

    /// The schema's JSON text.
    public var bytes: [UInt8] {
        switch self {
        case .reportJSON: PackageResources.report_schema_json
        }
    }
}

/// The catalog bundled with the program, used when `--catalog` is not given.
public enum BundledCatalog {
    /// How reports name the bundled catalog, in place of a file path.
    public static let displayName = "<bundled catalog>"

    /// The bundled catalog's XML bytes.
    public static var bytes: [UInt8] { PackageResources.catalog_xml }
}
