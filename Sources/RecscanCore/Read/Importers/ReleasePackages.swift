/// Infers a host's operating system from a package list that does not state it — a heuristic,
/// marked as such in ``OperatingSystem/inferredFrom``.
///
/// A dpkg status file or an rpm database exists only on Linux, so the family is `linux`. The
/// distribution and its version come from the package that marks the release, when listed:
/// Debian's `base-files` (`12.4+deb12u11` is Debian 12; an `ubuntu` version is Ubuntu, version
/// unknown) and the RHEL family's `*-release` packages (`redhat-release 9.2` is RHEL 9.2).
/// Without one, the name and version stay empty: rules that name a distribution do not match.
enum ReleasePackages {
    /// rpm release packages and the os-release `ID` of the distribution each marks.
    static let rpmReleases: [String: String] = [
        "redhat-release": "rhel", "redhat-release-server": "rhel", "redhat-release-workstation": "rhel",
        "centos-release": "centos", "centos-stream-release": "centos", "rocky-release": "rocky",
        "almalinux-release": "almalinux", "oraclelinux-release": "ol", "fedora-release": "fedora",
        "fedora-release-common": "fedora", "sles-release": "sles", "system-release": "amzn",
    ]

    /// The OS of a host whose dpkg status lists `base-files` at `baseFiles` (or not at all).
    static func debian(baseFiles: String?) -> OperatingSystem {
        guard let baseFiles else {
            return OperatingSystem(family: "linux", name: "", version: "", arch: nil, inferredFrom: "dpkg status")
        }
        let evidence = "base-files \(baseFiles)"
        if baseFiles.contains("ubuntu") {
            return OperatingSystem(family: "linux", name: "ubuntu", version: "", arch: nil, inferredFrom: evidence)
        }
        let major = baseFiles.prefix { $0.isASCII && $0.isNumber }
        let rest = baseFiles.dropFirst(major.count)
        // Debian numbers base-files after the release: "12.4+deb12u11", "11.1+deb11u10", "10.3".
        let looksDebian = !major.isEmpty && (rest.isEmpty || rest.first == "." || rest.contains("+deb"))
        return OperatingSystem(
            family: "linux", name: looksDebian ? "debian" : "", version: looksDebian ? String(major) : "",
            arch: nil, inferredFrom: evidence)
    }

    /// The OS of a host whose rpm list holds these (name, version) pairs; the first release
    /// package found decides.
    static func rpm(_ packages: [(name: String, version: String)]) -> OperatingSystem {
        for package in packages {
            guard let id = rpmReleases[package.name] else { continue }
            // The rpm VERSION of a release package is the release: "9.2", "7.9", "39", "2023.3.20240108".
            var version = package.version
            if let colon = version.firstIndex(of: ":") { version = String(version[version.index(after: colon)...]) }
            if let dash = version.firstIndex(of: "-") { version = String(version[..<dash]) }
            return OperatingSystem(
                family: "linux", name: id, version: version, arch: nil,
                inferredFrom: "\(package.name) \(package.version)")
        }
        return OperatingSystem(family: "linux", name: "", version: "", arch: nil, inferredFrom: "rpm package list")
    }

    /// The os-release `ID` for an OS name as SBOMs write it: "debian" stays "debian",
    /// "Red Hat Enterprise Linux" is "rhel", "Microsoft Windows Server 2019" is "windows".
    static func distributionID(_ name: String) -> String {
        let lowered = name.lowercased().trimmingWhitespace
        let prefixes: [(String, String)] = [
            ("red hat enterprise linux", "rhel"), ("redhat", "rhel"), ("rhel", "rhel"),
            ("microsoft windows", "windows"),
            ("windows", "windows"), ("centos", "centos"), ("rocky", "rocky"), ("almalinux", "almalinux"),
            ("oracle linux", "ol"), ("amazon linux", "amzn"), ("debian", "debian"), ("ubuntu", "ubuntu"),
            ("fedora", "fedora"), ("alpine", "alpine"), ("sles", "sles"), ("suse linux enterprise", "sles"),
            ("mac os", "macos"), ("macos", "macos"), ("darwin", "macos"),
        ]
        for (prefix, id) in prefixes where lowered.hasPrefix(prefix) { return id }
        return lowered
    }
}
