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
/// are dropped): eleven counters held inline, so that counting a package on the reader's hot
/// path is one add, with no array to allocate or check for sharing (`EcosystemCountsTests`
/// checks it against a dictionary).
public struct EcosystemCounts: Sendable, Equatable {
    private typealias Counters = (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int)
    private var counts: Counters = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// No packages yet.
    public init() {}

    /// The count of one ecosystem.
    public subscript(ecosystem: Ecosystem) -> Int {
        get { withUnsafeBytes(of: counts) { $0.load(fromByteOffset: ecosystem.position * 8, as: Int.self) } }
        set {
            withUnsafeMutableBytes(of: &counts) {
                $0.storeBytes(of: newValue, toByteOffset: ecosystem.position * 8, as: Int.self)
            }
        }
    }

    /// Counts one package of `ecosystem`: the reader's hot path, one add.
    @inline(__always)
    public mutating func add(_ ecosystem: Ecosystem) {
        switch ecosystem {
        case .deb: counts.0 &+= 1
        case .rpm: counts.1 &+= 1
        case .pypi: counts.2 &+= 1
        case .npm: counts.3 &+= 1
        case .maven: counts.4 &+= 1
        case .nuget: counts.5 &+= 1
        case .gem: counts.6 &+= 1
        case .golang: counts.7 &+= 1
        case .cargo: counts.8 &+= 1
        case .windows: counts.9 &+= 1
        case .generic: counts.10 &+= 1
        }
    }

    /// Equal when every ecosystem's count is.
    public static func == (lhs: EcosystemCounts, rhs: EcosystemCounts) -> Bool {
        Ecosystem.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }

    /// Whether no package was counted.
    public var isEmpty: Bool { Ecosystem.allCases.allSatisfy { self[$0] == 0 } }

    /// Two files' counts of one host, per ecosystem the larger: files that list the same
    /// packages (a dpkg status and an SBOM of the same machine) are not counted twice.
    public func merged(with other: EcosystemCounts) -> EcosystemCounts {
        var result = self
        for ecosystem in Ecosystem.allCases { result[ecosystem] = max(self[ecosystem], other[ecosystem]) }
        return result
    }

    /// The counts of `packages`.
    public init(_ packages: [InstalledPackage]) {
        for package in packages { add(package.ecosystem) }
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
