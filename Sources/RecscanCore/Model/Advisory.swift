/// A published vulnerability advisory in the OSV format (osv.dev): which versions of which
/// packages a vulnerability affects. A catalog rule names the CVEs it protects against; an
/// advisory that names one of them says where the rule applies.
public struct Advisory: Sendable, Equatable {
    /// The advisory's own identifier, e.g. "PYSEC-2021-19" or "GO-2022-0969".
    public var id: String
    /// Other identifiers of the same vulnerability, e.g. "CVE-2022-27664", "GHSA-69cg-p879-7622".
    public var aliases: [String]
    /// The one-line summary, when the advisory has one.
    public var summary: String?
    /// The severity the advisory gives (`database_specific.severity`, else its CVSS base score);
    /// `nil` when it gives none.
    public var severity: Severity?
    /// The affected packages; each entry is an alternative.
    public var affected: [AdvisoryPackage]
    /// The file the advisory was read from, as reports name it.
    public var file: String
    /// The line the advisory starts on.
    public var line: Int

    /// The advisory's id, then its aliases: the names a catalog rule may know it by.
    public var identifiers: [String] { [id] + aliases }
}

/// One `affected` entry of an advisory: a package and the versions of it that are affected.
public struct AdvisoryPackage: Sendable, Equatable {
    /// The recscan ecosystem the OSV ecosystem (or the package URL) maps to.
    public var ecosystem: Ecosystem
    /// The package's name in its ecosystem, e.g. "django" or "golang.org/x/net".
    public var name: String
    /// The ecosystem as the advisory writes it, e.g. "PyPI", "Debian:12", "Ubuntu:22.04:LTS".
    public var osvEcosystem: String
    /// The operating system the entry is limited to, from an ecosystem suffix (`Debian:12`).
    public var operatingSystem: OSConstraint?
    /// The entry's ranges; each is an alternative.
    public var ranges: [AdvisoryRange]
    /// Versions listed as affected, whatever the ranges say.
    public var versions: [String]
    /// The line the entry starts on.
    public var line: Int
}

/// One OSV range: events in a version order, each opening or closing the affected interval.
public struct AdvisoryRange: Sendable, Equatable {
    /// How the range's versions are written and ordered.
    public enum Kind: String, Sendable {
        /// The ecosystem's own versions and order.
        case ecosystem = "ECOSYSTEM"
        /// Semantic versions (Go writes them without the `v`).
        case semver = "SEMVER"
        /// Commits of a git repository: they cannot be placed against an installed version.
        case git = "GIT"
    }

    /// One event of a range.
    public enum Event: Sendable, Equatable {
        /// Versions from this one on are affected (`"0"`: from the first).
        case introduced(String)
        /// Versions from this one on are not affected.
        case fixed(String)
        /// Versions after this one are not affected.
        case lastAffected(String)
        /// An upper limit on the range (used with git ranges); not a version of the package.
        case limit(String)
    }

    /// How the versions are written.
    public var kind: Kind
    /// The events, as the advisory lists them.
    public var events: [Event]
    /// The repository of a git range.
    public var repository: String?
}
