/// A rule's ordinal in a `CatalogIndex`: its position among the catalog's rules in id order
/// (`Catalog.sortedRuleIDs`). Matching, deciding and auditing keep rules by ordinal, so that
/// candidate sets are small integer sets that sort without string comparisons; only the index
/// that handed an ordinal out turns it back into a rule.
struct RuleOrdinal: Hashable, Comparable, Sendable {
    /// The position among the catalog's rules in id order, from 0.
    let position: Int

    /// The ordinal at `position`; made by the index and by sets of ordinals (`OrdinalSet`).
    init(_ position: Int) { self.position = position }

    /// In rule order.
    static func < (lhs: RuleOrdinal, rhs: RuleOrdinal) -> Bool { lhs.position < rhs.position }
}

/// A package's id in a `CatalogIndex`: every package some rule or application type names has
/// one, a position in the index's tables by software. A host's packages get theirs from the
/// index they are matched against (`CatalogIndex.softwareID(_:_:)`), never from their inventory.
struct SoftwareID: Hashable, Sendable {
    /// The position in the index's tables by software, from 0.
    let position: Int

    /// The id at `position`; made by the index.
    init(_ position: Int) { self.position = position }
}
