import Foundation

/// The run's catalog: read from its XML, or loaded compiled from a shard folder.
extension ScanSetup {
    /// The catalog of `--catalog`, checked to be one, or the bundled catalog; from the compiled
    /// catalog `partition` left in the inventories folder when it was made from that catalog.
    /// - Parameter log: says why a compiled catalog in the folder is not used.
    /// - Throws: `ScanFailure.unusableInput` naming the option and the file.
    public static func loadCatalog(_ options: ScanOptions, log: @Sendable (String) -> Void = { _ in }) throws -> Catalog
    {
        if let compiled = compiledCatalog(options, log: log) { return compiled }
        return try readCatalog(options)
    }

    /// The catalog of `--catalog`, checked to be one, or the bundled catalog, read from its XML.
    /// - Throws: `ScanFailure.unusableInput` naming the option and the file.
    public static func readCatalog(_ options: ScanOptions) throws -> Catalog {
        guard let path = options.catalogPath else {
            do {
                return try CatalogReader.read(bytes: BundledCatalog.bytes, displayName: BundledCatalog.displayName)
            } catch {
                throw ScanFailure.unusableInput(inputErrors(error, file: BundledCatalog.displayName))
            }
        }
        let option = OptionFile.catalog
        if let problem = option.problem(path) { throw ScanFailure.unusableInput([problem]) }
        do {
            return try CatalogReader.read(path: path, limits: options.limits)
        } catch {
            throw ScanFailure.unusableInput(option.naming(inputErrors(error, file: path)))
        }
    }

    /// The compiled catalog in the inventories folder (a shard folder of `recscan partition`),
    /// when it was made from the run's catalog under the run's limits; `nil` when there is none
    /// or it cannot be used, and the catalog is then read from its XML as always.
    static func compiledCatalog(_ options: ScanOptions, log: @Sendable (String) -> Void) -> Catalog? {
        let path = (options.inventories as NSString).appendingPathComponent(CompiledCatalog.fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let name = options.catalogPath ?? BundledCatalog.displayName
        let source: CatalogFingerprint?
        if let catalogPath = options.catalogPath {
            // A catalog file that cannot be read is reported by the XML reader, as without a compiled one.
            guard OptionFile.catalog.problem(catalogPath) == nil else { return nil }
            source = CatalogFingerprint(path: catalogPath, limits: options.limits)
        } else {
            source = CatalogFingerprint(bytes: BundledCatalog.bytes, limits: options.limits)
        }
        guard let source else { return nil }
        do {
            let bytes = try InputFile.bytes(path: path, displayName: path, limits: options.limits)
            return try CompiledCatalog.catalog(from: bytes, source: source, file: name)
        } catch is CompiledCatalogMismatch {
            log(
                "note: \(path) was compiled from another catalog than \(name) (or under other limits); reading \(name) instead"
            )
        } catch let error as InputError {
            log("note: \(error.description); reading \(name) instead")
        } catch {
            log("note: \(path) \(error); reading \(name) instead")
        }
        return nil
    }

    /// The compiled form of the catalog of `options` (see `CompiledCatalog`), for `partition` to
    /// leave in each shard folder; `nil` when it cannot be compiled.
    /// - Throws: `ScanFailure.unusableInput` when the catalog is unusable.
    static func compileCatalog(_ options: ScanOptions) throws -> [UInt8]? {
        guard let path = options.catalogPath else {
            let source = CatalogFingerprint(bytes: BundledCatalog.bytes, limits: options.limits)
            return CompiledCatalog.bytes(of: try readCatalog(options), source: source)
        }
        // Fingerprinted before and after reading: a file changed meanwhile is not compiled.
        let before = CatalogFingerprint(path: path, limits: options.limits)
        let catalog = try readCatalog(options)
        guard let before, before == CatalogFingerprint(path: path, limits: options.limits) else { return nil }
        return CompiledCatalog.bytes(of: catalog, source: before)
    }
}
