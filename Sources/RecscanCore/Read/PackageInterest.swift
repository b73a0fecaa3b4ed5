import Foundation

/// The installed packages a scan looks at: those some rule or application type names. An
/// inventory lists about a thousand packages per host and a catalog names few of them, so the
/// native reader asks here, on the attribute's bytes, before it makes any string of a package.
///
/// A filter and nothing more: the packages it keeps carry no trace of the index it was made
/// from, and matching finds their software ids itself.
public struct PackageInterest: Sendable {
    /// The packages of the index the filter was made from, in the index's own tables (shared,
    /// not copied): a set and a name table of the same packages cost every run about a megabyte
    /// and their hashing (8,000 names for 10,000 rules). Empty for a filter of `others` alone.
    /// Plain stored values, not the index: a lookup through an optional index copied it.
    private let indexKeys: [SoftwareKey: SoftwareID]
    private let indexNames: SoftwareIDTable
    /// The packages wanted besides the index's.
    private let others: Set<SoftwareKey>
    /// `others` of ecosystems that compare names exactly (deb, rpm, …), looked up on their
    /// bytes: a lookup allocates nothing.
    private let otherExactNames: SoftwareIDTable

    /// The packages the catalog behind `index` names.
    public init(_ index: CatalogIndex) { self.init(index, also: []) }

    /// The packages the catalog behind `index` names, and `packages` besides (those uncovered
    /// advisories affect).
    init(_ index: CatalogIndex, also packages: Set<SoftwareKey>) {
        // Only an index naming a source package wants packages besides its own (see below).
        self.init(index: index, others: index.namesSourcePackages ? packages.union(index.namedSoftware) : packages)
    }

    /// The packages `named` lists.
    init(_ named: Set<SoftwareKey>) { self.init(index: nil, others: named) }

    private init(index: CatalogIndex?, others: Set<SoftwareKey>) {
        (indexKeys, indexNames) = index?.softwareIDTables ?? ([:], SoftwareIDTable([]))
        // A source package's key (an advisory's) wants the binary package of the same name; the
        // readers that know a package's source keep every package.
        let others = others.union(others.compactMap(\.binaryOfSameName))
        self.others = others
        // A table of names: the values mean nothing here.
        let exact = others.filter(\.ecosystem.comparesNamesExactly)
        otherExactNames = SoftwareIDTable(exact.lazy.map { (key: $0, value: 0) })
    }

    /// Whether a package of `ecosystem` named `name` (already trimmed) concerns the catalog.
    func wants(_ ecosystem: Ecosystem, name: String) -> Bool {
        let key = SoftwareKey(ecosystem, name)
        return indexKeys[key] != nil || others.contains(key)
    }

    /// Whether a package of `ecosystem` whose name is `name` (already trimmed) concerns the catalog.
    func wants(_ ecosystem: Ecosystem, name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ecosystem.comparesNamesExactly else {
            return wants(ecosystem, name: String(decoding: name, as: UTF8.self))
        }
        if indexNames.id(ecosystem, bytes: name) != nil { return true }
        return !others.isEmpty && otherExactNames.id(ecosystem, bytes: name) != nil
    }
}
