/// A package URL (`pkg:type/namespace/name@version?qualifiers#subpath`, the purl specification),
/// percent-decoded. Where an SBOM component carries one, it decides the package's ecosystem and name.
public struct PackageURL: Sendable, Equatable {
    /// The package type, lowercased: "deb", "rpm", "pypi", "maven", ...
    public var type: String
    /// The namespace segments joined with "/", e.g. "debian" or "org.apache.logging.log4j".
    public var namespace: String?
    /// The package name.
    public var name: String
    /// The version, when given.
    public var version: String?
    /// Qualifiers such as `arch`, `distro` and `epoch`, keys lowercased.
    public var qualifiers: [String: String]
    /// The subpath inside the package, when given.
    public var subpath: String?

    /// Parses `text`; `nil` when it is not a package URL (no `pkg:` scheme, no type or no name).
    public init?(_ text: String) {
        var rest = Substring(text.trimmingWhitespace)
        guard rest.lowercased().hasPrefix("pkg:") else { return nil }
        rest = rest.dropFirst(4).drop { $0 == "/" }
        if let hash = rest.firstIndex(of: "#") {
            let path = rest[rest.index(after: hash)...].split(separator: "/").filter { $0 != "." && $0 != ".." }
            subpath = path.isEmpty ? nil : path.map { Self.decode($0) }.joined(separator: "/")
            rest = rest[..<hash]
        }
        qualifiers = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let value = Self.decode(pair[pair.index(after: equals)...])
                if !value.isEmpty { qualifiers[pair[..<equals].lowercased()] = value }
            }
            rest = rest[..<question]
        }
        // The version follows the last "@" of the last segment: npm scopes ("%40scope") are encoded.
        if let at = rest.lastIndex(of: "@"), !rest[at...].contains("/") {
            let raw = Self.decode(rest[rest.index(after: at)...])
            version = raw.isEmpty ? nil : raw
            rest = rest[..<at]
        }
        var segments = rest.split(separator: "/").map { Self.decode($0) }
        guard segments.count >= 2, let last = segments.popLast(), !last.isEmpty else { return nil }
        type = segments.removeFirst().lowercased()
        guard !type.isEmpty else { return nil }
        name = last
        namespace = segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    /// The ecosystem the package belongs to; types recscan has no scheme for are `generic`.
    public var ecosystem: Ecosystem {
        switch type {
        case "deb": .deb
        case "rpm": .rpm
        case "pypi": .pypi
        case "npm": .npm
        case "maven": .maven
        case "nuget": .nuget
        case "gem": .gem
        case "golang": .golang
        case "cargo": .cargo
        default: .generic
        }
    }

    /// The name as the catalog spells it in this ecosystem: `group:artifact` for maven,
    /// `@scope/name` for npm, the module path for golang, the plain name otherwise.
    public var packageName: String {
        guard let namespace else { return name }
        switch type {
        case "maven": return "\(namespace):\(name)"
        case "npm": return namespace.hasPrefix("@") ? "\(namespace)/\(name)" : "@\(namespace)/\(name)"
        case "golang": return "\(namespace)/\(name)"
        default: return name
        }
    }

    /// The version as the ecosystem writes it: an rpm `epoch` qualifier becomes `epoch:` in front.
    public var packageVersion: String? {
        guard let version else { return nil }
        if type == "rpm", let epoch = qualifiers["epoch"], epoch != "0", !version.contains(":") {
            return "\(epoch):\(version)"
        }
        return version
    }

    /// The operating system a deb or rpm package URL names: its `distro` qualifier
    /// (`debian-12`, `rhel-9.2`, `ubuntu-22.04`), else its namespace (`debian`, `redhat` is
    /// `rhel`) with the version unknown.
    public var distribution: (name: String, version: String)? {
        guard type == "deb" || type == "rpm" else { return nil }
        let vendor = namespace.map { ReleasePackages.distributionID($0) }
        guard let distro = qualifiers["distro"]?.lowercased() else { return vendor.map { ($0, "") } }
        if let dash = distro.lastIndex(of: "-"), distro[distro.index(after: dash)...].first?.isNumber == true {
            return (
                ReleasePackages.distributionID(String(distro[..<dash])), String(distro[distro.index(after: dash)...])
            )
        }
        // A bare version ("12") or a codename ("bookworm"): the namespace names the distribution.
        return vendor.map { ($0, distro.first?.isNumber == true ? distro : "") }
    }

    static func decode<S: StringProtocol>(_ text: S) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            let pair = utf8.prefix(2)
            if byte == UInt8(ascii: "%"), pair.count == 2,
                pair.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
                let value = UInt8(String(decoding: pair, as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
