import Foundation
import Synchronization

/// A rule's criteria ready for matching: shared by reference (no copy per host), with its
/// version ranges parsed once and the criteria checked on every candidate host at hand. The rule
/// itself stays in the catalog, not copied into each object (152 bytes a rule): after indexing,
/// matching and deciding read only these criteria, `RuleTraits` and `RuleIdentity`.
final class CompiledRule: Sendable {
    /// The rule's affected packages, keyed as the host's packages are.
    let software: [SoftwareCriterion]
    let operatingSystems: [OSConstraint]
    /// The ordinal of the application type the rule needs (see `CatalogIndex.applicationTypeIDs`).
    let applicationType: Int?
    let ports: [ListeningPort]
    let files: [String]
    /// Each service as the catalog names it, with its lowercased name for lookups.
    let services: [(name: String, lowercased: String)]
    /// The ordinals of the rules `dependsOn` pulls in, in the catalog's order: custom rules and
    /// rules missing from the catalog are left out, as they are never recommended.
    let dependencies: [RuleOrdinal]
    /// The ids `dependsOn` names that the catalog lacks (a warning when it was read).
    let missingDependencies: [String]
    /// Every id `dependsOn` names, as the catalog lists them, including those it lacks.
    let dependencyIDs: [String]
    /// Whether the rule is a custom rule, which is never recommended.
    let custom: Bool

    /// - Parameters:
    ///   - softwareIDs: the software id of each package the rule lists, in its order.
    ///   - ids: rule and application type ordinals.
    init(
        _ rule: borrowing Rule, softwareIDs: ArraySlice<SoftwareID>, catalog: borrowing Catalog,
        ids: borrowing CatalogIDs
    ) {
        let entries = rule.applies.software
        software = entries.indices.map { position in
            SoftwareCriterion(entries[position], softwareID: softwareIDs[softwareIDs.startIndex + position])
        }
        operatingSystems = rule.applies.operatingSystems
        applicationType = rule.applicationTypeID.flatMap { ids.applicationTypes[$0] }
        ports = rule.applies.ports
        files = rule.applies.files
        services = rule.applies.services.map { ($0, $0.lowercased()) }
        dependencies = rule.dependsOn.compactMap { id in
            catalog.rules[id]?.custom == false ? ids.rules[id] : nil
        }
        // Nearly every rule's dependencies are all in the catalog: no array is made for them.
        let missing = rule.dependsOn.contains { catalog.rules[$0] == nil }
        missingDependencies = missing ? rule.dependsOn.filter { catalog.rules[$0] == nil } : []
        dependencyIDs = rule.dependsOn
        custom = rule.custom
    }
}

extension CompiledRule {
    /// `rules` compiled, in their order, on up to `jobs` threads, each with `rulesPerThread` rules
    /// at least: parsing their version ranges is most of building the index, which the run waits
    /// for with its other processors idle.
    /// - Parameters:
    ///   - softwareIDs: the software ids of every rule's packages, rule after rule.
    ///   - starts: where each rule's ids start in `softwareIDs`, and where the last rule's end.
    static func compile(
        _ rules: [Rule], softwareIDs: [SoftwareID], starts: [Int], catalog: Catalog, ids: CatalogIDs, jobs: Int,
        rulesPerThread: Int
    ) -> [CompiledRule] {
        let compile = { @Sendable (position: Int) in
            CompiledRule(
                rules[position], softwareIDs: softwareIDs[starts[position]..<starts[position + 1]], catalog: catalog,
                ids: ids)
        }
        let slices = min(jobs, rules.count / max(rulesPerThread, 1))
        guard slices > 1 else { return rules.indices.map(compile) }
        let parts = Mutex([[CompiledRule]](repeating: [], count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let part = (rules.count * slice / slices..<rules.count * (slice + 1) / slices).map(compile)
            parts.withLock { $0[slice] = part }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }

    /// The rule's one criterion when it has no other: one package, no OS, application type,
    /// port, file or service, and not custom.
    var onlyCriterion: SoftwareCriterion? {
        guard software.count == 1, software[0].advisory == nil, !custom, operatingSystems.isEmpty,
            applicationType == nil, ports.isEmpty,
            files.isEmpty, services.isEmpty
        else { return nil }
        return software[0]
    }
}

/// The small integers the index gives rules, packages and application types, so that matching
/// indexes arrays instead of hashing strings.
struct CatalogIDs {
    /// Each rule's ordinal, by rule id.
    var rules: [String: RuleOrdinal] = [:]
    /// Each package some rule or application type names, by key.
    var software: [SoftwareKey: SoftwareID] = [:]
    /// Each application type's ordinal, by type id.
    var applicationTypes: [String: Int] = [:]

    /// The software id of `key`, given the next one when it has none yet.
    mutating func softwareID(_ key: SoftwareKey) -> SoftwareID {
        if let id = software[key] { return id }
        let id = SoftwareID(software.count)
        software[key] = id
        return id
    }
}

/// One affected package of a rule, with its range prepared for both ways a version may be listed.
/// A class: matching walks these for every candidate rule, and a struct copy would retain each field.
final class SoftwareCriterion: Sendable {
    /// The package's software id in the index: matching finds the host's packages by it.
    let softwareID: SoftwareID
    let range: PreparedRange
    /// For a version listed without its epoch (`rpm -qa`'s default output): the bounds without
    /// theirs, so that version and release decide.
    let rangeWithoutEpochs: PreparedRange
    /// The advisory the alternative comes from, when one gave it.
    let advisory: AdvisorySource?
    /// Whether installed packages are placed by their source package's version (see
    /// `AdvisorySource.namesSourcePackage`).
    let comparesSourceVersion: Bool

    init(_ entry: AffectedSoftware, softwareID: SoftwareID) {
        self.softwareID = softwareID
        advisory = entry.advisory
        comparesSourceVersion = entry.advisory?.namesSourcePackage ?? false
        let range = entry.range
        self.range = entry.preparedRange
        // Most bounds have no epoch: then the range without epochs is the range itself.
        let withoutEpochs = entry.ecosystem == .rpm ? range.droppingEpochs : range
        let placedByBounds = entry.advisory.map { $0.check == .interval } ?? true
        rangeWithoutEpochs = withoutEpochs == range || !placedByBounds ? self.range : PreparedRange(withoutEpochs)
    }

    /// How many attributes `appendBoundAttributes(to:)` appends.
    var boundAttributeCount: Int {
        (advisory == nil ? 1 : 2) + (range.range.fixed == nil ? 0 : 1) + (range.range.lastAffected == nil ? 0 : 1)
    }

    /// Appends the evidence attributes that describe the range: the advisory when one gave it,
    /// `range`, then `fixed` and `lastAffected` when set, so that "patch first" can name the
    /// version to update to. Made with the evidence, not kept per criterion: a catalog has
    /// thousands of criteria, and a host's evidence names few of them.
    func appendBoundAttributes(to attributes: inout [(name: String, value: String)]) {
        if let advisory { attributes.append(("advisory", advisory.advisoryID)) }
        attributes.append(("range", range.description))
        if let fixed = range.range.fixed { attributes.append(("fixed", fixed)) }
        if let lastAffected = range.range.lastAffected { attributes.append(("lastAffected", lastAffected)) }
    }

    /// The version of `package` this criterion places: its source package's when the criterion
    /// names a source package and the inventory gives that version.
    func version(of package: InstalledPackage) -> String {
        comparesSourceVersion ? package.sourceVersion ?? package.version : package.version
    }

    /// Whether the alternative holds on a host running `os`: always, unless an advisory limits
    /// it to an OS release (`Debian:12`), which a host of unknown OS does not run.
    func holds(on os: OperatingSystem?) -> Bool {
        guard let constraint = advisory?.operatingSystem else { return true }
        return os.map(constraint.holds(for:)) ?? false
    }
}

extension AffectedRange {
    /// The range with `epoch:` removed from every bound.
    var droppingEpochs: AffectedRange {
        func drop(_ bound: String?) -> String? {
            // The byte search first: most bounds have no colon, and `isNumber` is a Unicode lookup.
            guard let bound, bound.utf8.contains(UInt8(ascii: ":")), let colon = bound.firstIndex(of: ":"),
                bound[..<colon].allSatisfy(\.isNumber)
            else {
                return bound
            }
            return String(bound[bound.index(after: colon)...])
        }
        return AffectedRange(
            scheme: scheme, introduced: drop(introduced), fixed: drop(fixed), lastAffected: drop(lastAffected))
    }
}

extension AffectedSoftware {
    /// The key installed packages are found by: the package, or for an advisory that names a
    /// source package, every binary package built from it (`SoftwareKey.sourcePackage`).
    var key: SoftwareKey {
        advisory?.namesSourcePackage == true ? .sourcePackage(name) : SoftwareKey(ecosystem, name)
    }

    /// The alternative's interval, in the scheme it compares in (a SEMVER range of an advisory
    /// compares as semver whatever the ecosystem).
    var range: AffectedRange {
        AffectedRange(
            scheme: advisory?.scheme ?? ecosystem.scheme, introduced: introduced, fixed: fixed,
            lastAffected: lastAffected)
    }

    /// The alternative ready to place versions: by its interval, or as its advisory says (listed
    /// versions, or uncertain with the reason).
    var preparedRange: PreparedRange {
        switch advisory?.check {
        case .listed(let versions)?: PreparedRange.listing(versions, in: range)
        case .undecidable(let reason)?:
            PreparedRange(range, description: advisory?.rangeText ?? "") { _ in .uncertain(reason) }
        case .interval?, nil: PreparedRange(range)
        }
    }
}

/// A package identity as its ecosystem compares names.
struct SoftwareKey: Hashable, Sendable {
    let ecosystem: Ecosystem
    let name: String

    init(_ ecosystem: Ecosystem, _ name: String) {
        self.ecosystem = ecosystem
        self.name = ecosystem.normalizedName(name)
    }

    /// The key of every deb binary package built from source package `name`: `src:` before the
    /// name, which no package name can hold (dpkg allows `[a-z0-9+.-]`), so it never meets the
    /// key of a binary package.
    static func sourcePackage(_ name: String) -> SoftwareKey { SoftwareKey(.deb, sourcePrefix + name) }

    /// The source package's key of an installed deb package: its `Source:`, else its own name.
    static func sourcePackage(of package: InstalledPackage) -> SoftwareKey {
        sourcePackage(package.sourcePackage ?? package.name)
    }

    static let sourcePrefix = "src:"

    /// The binary package named like this key's source package, or `nil` for another key.
    var binaryOfSameName: SoftwareKey? {
        guard ecosystem == .deb, name.hasPrefix(Self.sourcePrefix) else { return nil }
        return SoftwareKey(.deb, String(name.dropFirst(Self.sourcePrefix.count)))
    }
}
