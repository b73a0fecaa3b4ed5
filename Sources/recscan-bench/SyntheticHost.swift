/// One generated host, independent of the format it is written in.
struct SyntheticHost {
    struct Package {
        var name: String
        var version: String
    }

    var hostname: String
    var collected: String
    var rpm: Bool
    var packages: [Package]
    var ports: [Int]
    var services: [String]
    var files: [String]

    var arch: String { rpm ? "x86_64" : "amd64" }
    var osName: String { rpm ? "rhel" : "debian" }
    var osVersion: String { rpm ? "9.4" : "12" }

    /// Host `index` of the workload: 1 in 3 runs RHEL 9, the others Debian 12.
    init(_ index: Int, spec: WorkloadSpec) {
        var random = SplitMix64.forItem(spec.seed, index, salt: 2)
        rpm = index % 3 == 2
        hostname = WorkloadSpec.hostname(index)
        collected = "2026-11-28T0\(index % 10):00:00Z"
        var chosen = Set<Int>()
        while chosen.count < min(spec.packagesPerHost, spec.packageUniverse) {
            chosen.insert(Int(random.next() % UInt64(spec.packageUniverse)))
        }
        let threshold = UInt64(spec.vulnerableShare * 1_000_000)
        packages = []
        for package in chosen.sorted() {
            let vulnerable = random.next() % 1_000_000 < threshold
            let version =
                rpm
                ? (vulnerable ? "1.5.\(package % 9)-2.el9" : "2.\(package % 7).\(package % 5)-3.el9_4")
                : (vulnerable ? "1.5.\(package % 9)-2" : "2.\(package % 7).\(package % 5)-1+deb12u1")
            packages.append(Package(name: WorkloadSpec.packageName(package, rpm: rpm), version: version))
        }
        ports = (0..<4).map { 2000 + (index * 7 + $0 * 31) % spec.applicationTypes }
        services = (0..<8).map { "svc\((index + $0 * 23) % 200)" }
        files = (0..<12).map { "/etc/app\((index * 3 + $0 * 41) % 500)/app.conf" }
    }

    /// The package URL of a package, as SBOM tools write it.
    func purl(_ package: Package) -> String {
        rpm
            ? "pkg:rpm/redhat/\(package.name)@\(package.version)?arch=x86_64&distro=rhel-9.4"
            : "pkg:deb/debian/\(package.name)@\(package.version)?arch=amd64&distro=debian-12"
    }
}
