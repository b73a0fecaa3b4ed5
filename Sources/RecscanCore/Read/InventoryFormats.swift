import Foundation

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
    /// - Parameter collected: the collection time `--collected` gives the batch, in seconds
    ///   since 1970, for hosts whose inventory states none.
    public static func read(
        _ file: DiscoveredInput, limits: InputLimits, interest: PackageInterest?, collected: Int64? = nil
    ) throws -> [HostInventory] {
        do {
            guard let importer = importer(for: file.kind) else {
                throw InputError(file: file.displayName, message: "does not hold host inventories")
            }
            let hosts = try importer.read(
                path: file.path, displayName: file.displayName, limits: limits, interest: interest)
            return describe(hosts, file: file, format: importer.formatName, collected: collected)
        } catch let error as InventoryFileError {
            throw error
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: [])
        } catch {
            throw InventoryFileError(error: InputError(file: file.displayName, message: "\(error)"), hostnames: [])
        }
    }
}

extension InventoryFormats {
    /// Records for each host the format its file was read as, its packages per ecosystem (the
    /// native reader counts them as it reads, before dropping those no rule names), and where
    /// its collection time comes from: the inventory, else `--collected`, else the file's
    /// modification time, stated as such.
    static func describe(_ hosts: [HostInventory], file: DiscoveredInput, format: String, collected: Int64?)
        -> [HostInventory]
    {
        var modified: Int64??
        return hosts.map { host in
            var host = host
            host.formats[file.displayName] = format
            if host.packageCounts.isEmpty { host.packageCounts = EcosystemCounts(host.packages) }
            guard host.collected == nil else {
                host.collectedFrom = .inventory
                return host
            }
            if modified == nil { modified = modificationTime(file.path) }
            if let seconds = collected {
                host.collected = Timestamps.iso8601(epochSeconds: seconds)
                host.collectedEpochSeconds = seconds
                host.collectedFrom = .given
            } else if let seconds = modified ?? nil {
                host.collected = Timestamps.iso8601(epochSeconds: seconds)
                host.collectedEpochSeconds = seconds
                host.collectedFrom = .fileModified
            } else {
                host.collectedFrom = .unknown
            }
            return host
        }
    }

    private static func modificationTime(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec)
    }
}

extension InventoryReader: InventoryImporter {
    /// "recscan inventory XML".
    public static let formatName = "recscan inventory XML"
}
