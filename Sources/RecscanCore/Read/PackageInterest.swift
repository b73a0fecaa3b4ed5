import Foundation

/// The installed packages a scan looks at: those some rule or application type names. An
/// inventory lists about a thousand packages per host and a catalog names few of them, so the
/// native reader asks here, on the attribute's bytes, before it makes any string of a package.
public struct PackageInterest: Sendable {
    private let named: Set<SoftwareKey>
    /// Names of ecosystems that compare names exactly (deb, rpm, …), looked up on their bytes
    /// with their software ids (`unknownID` when not known): a lookup allocates nothing.
    private let exactNames: SoftwareIDTable

    /// What `softwareID(_:name:)` answers for a wanted package whose id it does not know.
    static let unknownID: Int32 = -1

    /// The packages the catalog behind `index` names, with their software ids in it.
    public init(_ index: CatalogIndex) { self.init(ids: index.softwareIDs) }

    /// The packages `named` lists, without software ids.
    init(_ named: Set<SoftwareKey>) {
        self.init(ids: Dictionary(uniqueKeysWithValues: named.map { ($0, nil) }))
    }

    private init(ids: [SoftwareKey: Int?]) {
        named = Set(ids.keys)
        exactNames = SoftwareIDTable(
            ids.lazy.filter { $0.key.ecosystem.comparesNamesExactly }
                .map { (key: $0.key, value: $0.value ?? Int(Self.unknownID)) })
    }

    /// Whether a package of `ecosystem` named `name` (already trimmed) concerns the catalog.
    func wants(_ ecosystem: Ecosystem, name: String) -> Bool { named.contains(SoftwareKey(ecosystem, name)) }

    /// The software id of a package of `ecosystem` whose name is `name` (already trimmed), if it
    /// concerns the catalog: `unknownID` when it does but the id is not known here.
    func softwareID(_ ecosystem: Ecosystem, name: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard ecosystem.comparesNamesExactly else {
            let wanted = named.contains(SoftwareKey(ecosystem, String(decoding: name, as: UTF8.self)))
            return wanted ? Self.unknownID : nil
        }
        return exactNames.id(ecosystem, bytes: name).map { Int32(exactly: $0) ?? Self.unknownID }
    }
}
