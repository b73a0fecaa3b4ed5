import Foundation

/// The installed packages a scan looks at: those some rule or application type names. An
/// inventory lists about a thousand packages per host and a catalog names few of them, so the
/// native reader asks here, on the attribute's bytes, before it makes any string of a package.
///
/// A filter and nothing more: the packages it keeps carry no trace of the index it was made
/// from, and matching finds their software ids itself.
public struct PackageInterest: Sendable {
    private let named: Set<SoftwareKey>
    /// Names of ecosystems that compare names exactly (deb, rpm, …), looked up on their bytes: a
    /// lookup allocates nothing.
    private let exactNames: SoftwareIDTable

    /// The packages the catalog behind `index` names.
    public init(_ index: CatalogIndex) { self.init(index.namedSoftware) }

    /// The packages the catalog behind `index` names, and `packages` besides (those uncovered
    /// advisories affect).
    init(_ index: CatalogIndex, also packages: Set<SoftwareKey>) {
        self.init(packages.isEmpty ? index.namedSoftware : index.namedSoftware.union(packages))
    }

    /// The packages `named` lists.
    init(_ named: Set<SoftwareKey>) {
        // A source package's key (an advisory's) wants the binary package of the same name; the
        // readers that know a package's source keep every package.
        let named = named.union(named.compactMap(\.binaryOfSameName))
        self.named = named
        // A table of names: the values mean nothing here.
        let exact = named.filter(\.ecosystem.comparesNamesExactly)
        exactNames = SoftwareIDTable(exact.lazy.map { (key: $0, value: 0) })
    }

    /// Whether a package of `ecosystem` named `name` (already trimmed) concerns the catalog.
    func wants(_ ecosystem: Ecosystem, name: String) -> Bool { named.contains(SoftwareKey(ecosystem, name)) }

    /// Whether a package of `ecosystem` whose name is `name` (already trimmed) concerns the catalog.
    func wants(_ ecosystem: Ecosystem, name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ecosystem.comparesNamesExactly else {
            return named.contains(SoftwareKey(ecosystem, String(decoding: name, as: UTF8.self)))
        }
        return exactNames.id(ecosystem, bytes: name) != nil
    }
}
