/// Where a host's collection time came from: the inventory states it, the file's modification
/// time stands in for it, `--collected` gave it for the batch, or nothing tells.
public enum CollectionTimeSource: String, Sendable, CaseIterable {
    case inventory
    case fileModified = "file-modified"
    case given
    case unknown
}

/// How many packages of one ecosystem a host has, and how many catalog rules could match a
/// package of that ecosystem at all.
public struct EcosystemCoverage: Sendable, Equatable {
    /// The ecosystem counted.
    public var ecosystem: Ecosystem
    /// Packages read from the host's inventories (all of them, not only those a rule names).
    public var packages: Int
    /// Catalog rules with software criteria in this ecosystem.
    public var rules: Int

    /// One ecosystem's counts.
    public init(ecosystem: Ecosystem, packages: Int, rules: Int) {
        self.ecosystem = ecosystem
        self.packages = packages
        self.rules = rules
    }
}

/// What was read for a host against what the catalog can match: the format each file was
/// read as, where the collection time came from, and packages per ecosystem with the rules
/// that cover each. (Where the OS came from is ``OperatingSystem/inferredFrom``.)
public struct InventoryDetails: Sendable, Equatable {
    /// Each inventory file with the format it was read as, sorted by file.
    public var formats: [(file: String, format: String)]
    /// Where the host's collection time came from.
    public var collectedFrom: CollectionTimeSource
    /// Ecosystems with at least one package, in ecosystem order.
    public var ecosystems: [EcosystemCoverage]

    /// Details of one host.
    public init(
        formats: [(file: String, format: String)], collectedFrom: CollectionTimeSource, ecosystems: [EcosystemCoverage]
    ) {
        self.formats = formats
        self.collectedFrom = collectedFrom
        self.ecosystems = ecosystems
    }

    /// The host has packages and no catalog rule can match any of them.
    public var noRuleMatchesPackages: Bool { !ecosystems.isEmpty && ecosystems.allSatisfy { $0.rules == 0 } }

    /// Every package of the host.
    public var packageCount: Int { ecosystems.reduce(0) { $0 + $1.packages } }

    /// Equal when every file, format and count is.
    public static func == (lhs: InventoryDetails, rhs: InventoryDetails) -> Bool {
        lhs.formats.map(\.file) == rhs.formats.map(\.file) && lhs.formats.map(\.format) == rhs.formats.map(\.format)
            && lhs.collectedFrom == rhs.collectedFrom && lhs.ecosystems == rhs.ecosystems
    }
}

/// Packages per ecosystem, counted as an inventory is read (before the packages no rule names
/// are dropped): a fixed array indexed by ecosystem, cheap on the reader's hot path.
public struct EcosystemCounts: Sendable, Equatable {
    private var counts = [Int](repeating: 0, count: Ecosystem.allCases.count)

    /// No packages yet.
    public init() {}

    /// The count of one ecosystem.
    public subscript(ecosystem: Ecosystem) -> Int {
        get { counts[ecosystem.position] }
        set { counts[ecosystem.position] = newValue }
    }

    /// Whether no package was counted.
    public var isEmpty: Bool { counts.allSatisfy { $0 == 0 } }

    /// Two files' counts of one host, per ecosystem the larger: files that list the same
    /// packages (a dpkg status and an SBOM of the same machine) are not counted twice.
    public func merged(with other: EcosystemCounts) -> EcosystemCounts {
        var result = self
        for index in result.counts.indices { result.counts[index] = max(result.counts[index], other.counts[index]) }
        return result
    }

    /// The counts of `packages`.
    public init(_ packages: [InstalledPackage]) {
        for package in packages { self[package.ecosystem] += 1 }
    }

    /// The ecosystems counted, in ecosystem order, with their counts.
    public var nonZero: [(ecosystem: Ecosystem, packages: Int)] {
        Ecosystem.allCases.sorted().compactMap { ecosystem in
            let count = self[ecosystem]
            return count > 0 ? (ecosystem, count) : nil
        }
    }
}

extension Ecosystem {
    /// The ecosystem's position in `allCases`, without searching.
    var position: Int {
        switch self {
        case .deb: 0
        case .rpm: 1
        case .pypi: 2
        case .npm: 3
        case .maven: 4
        case .nuget: 5
        case .gem: 6
        case .golang: 7
        case .cargo: 8
        case .windows: 9
        case .generic: 10
        }
    }
}
