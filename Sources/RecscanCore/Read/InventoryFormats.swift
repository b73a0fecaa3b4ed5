/// Reads any recognized inventory file into hosts: the one place that maps an input kind to
/// its importer, so that adding a format never touches the pipeline.
public enum InventoryFormats {
    /// The importer of each kind of file that holds hosts; `nil` for other kinds.
    public static func importer(for kind: InputKind) -> (any InventoryImporter.Type)? {
        switch kind {
        case .nativeInventory: InventoryReader.self
        case .cycloneDXXML: CycloneDXXMLImporter.self
        case .cycloneDXJSON: CycloneDXJSONImporter.self
        case .spdxJSON: SPDXJSONImporter.self
        case .dpkgStatus: DpkgStatusImporter.self
        case .rpmList: RPMListImporter.self
        case .osqueryJSON: OsqueryImporter.self
        case .catalog, .fleet, .eventsXML, .eventsCSV, .exclusionRegister, .report, .unrecognized: nil
        }
    }

    /// Whether files of this kind hold hosts.
    public static func holdsHosts(_ kind: InputKind) -> Bool {
        importer(for: kind) != nil
    }

    /// Reads the hosts of one inventory file.
    /// - Throws: `InventoryFileError` naming the problem's position and the hosts seen before it.
    public static func read(_ file: DiscoveredInput, limits: InputLimits) throws -> [HostInventory] {
        try read(file, limits: limits, interest: nil)
    }

    /// Reads the hosts of one inventory file; a format that can (native inventories, the bulk of
    /// large fleets) keeps only the packages `interest` wants.
    public static func read(_ file: DiscoveredInput, limits: InputLimits, interest: PackageInterest?) throws
        -> [HostInventory]
    {
        do {
            guard let importer = importer(for: file.kind) else {
                throw InputError(file: file.displayName, message: "does not hold host inventories")
            }
            return try importer.read(
                path: file.path, displayName: file.displayName, limits: limits, interest: interest)
        } catch let error as InventoryFileError {
            throw error
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: [])
        } catch {
            throw InventoryFileError(error: InputError(file: file.displayName, message: "\(error)"), hostnames: [])
        }
    }
}

extension InventoryReader: InventoryImporter {
    /// "recscan inventory XML".
    public static let formatName = "recscan inventory XML"
}
