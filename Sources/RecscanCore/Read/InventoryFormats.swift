/// Reads any recognized inventory file into hosts: the one place that maps an input kind to
/// its reader, so that adding a format never touches the pipeline.
public enum InventoryFormats {
    /// Whether files of this kind hold hosts.
    public static func holdsHosts(_ kind: InputKind) -> Bool {
        switch kind {
        case .nativeInventory: true
        default: false
        }
    }

    /// Reads the hosts of one inventory file.
    /// - Throws: `InventoryFileError` naming the problem's position and the hosts seen before it.
    public static func read(_ file: DiscoveredInput, limits: InputLimits) throws -> [HostInventory] {
        do {
            switch file.kind {
            case .nativeInventory:
                return try InventoryReader.read(path: file.path, displayName: file.displayName, limits: limits)
            default:
                throw InputError(file: file.displayName, message: "does not hold host inventories")
            }
        } catch let error as InventoryFileError {
            throw error
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: [])
        } catch {
            throw InventoryFileError(error: InputError(file: file.displayName, message: "\(error)"), hostnames: [])
        }
    }
}
