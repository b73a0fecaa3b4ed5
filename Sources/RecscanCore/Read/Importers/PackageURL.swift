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
    ///
    /// Works on the UTF-8 bytes: SBOMs carry a purl per package, and walking `Character`s
    /// (grapheme breaking on every step) was the largest cost of reading one. Every separator
    /// is ASCII, so byte positions split the text exactly where characters would.
    public init?(_ text: String) {
        let bytes = Array(text.trimmingWhitespace.utf8)
        guard bytes.count >= 4, String(decoding: bytes[0..<4], as: UTF8.self).lowercased() == "pkg:" else {
            return nil
        }
        var rest = bytes[4...].drop { $0 == UInt8(ascii: "/") }
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            let path = rest[(hash + 1)...].split(separator: UInt8(ascii: "/")).map { Self.decode($0) }
                .filter { $0 != "." && $0 != ".." }
            subpath = path.isEmpty ? nil : path.joined(separator: "/")
            rest = rest[..<hash]
        }
        qualifiers = [:]
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            for pair in rest[(question + 1)...].split(separator: UInt8(ascii: "&")) {
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let value = Self.decode(pair[(equals + 1)...])
                if !value.isEmpty { qualifiers[String(decoding: pair[..<equals], as: UTF8.self).lowercased()] = value }
            }
            rest = rest[..<question]
        }
        // The version follows the last "@" of the last segment: npm scopes ("%40scope") are encoded.
        if let at = rest.lastIndex(of: UInt8(ascii: "@")), !rest[at...].contains(UInt8(ascii: "/")) {
            let raw = Self.decode(rest[(at + 1)...])
            version = raw.isEmpty ? nil : raw
            rest = rest[..<at]
        }
        var segments = rest.split(separator: UInt8(ascii: "/")).map { Self.decode($0) }
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
        if type == "rpm", let epoch = qualifiers["epoch"], epoch != "0", !version.utf8.contains(UInt8(ascii: ":")) {
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

    static func decode<S: StringProtocol>(_ text: S) -> String { decode(Array(text.utf8)[...]) }

    /// Percent-decodes `bytes`; a `%` not followed by two hex digits stays as it is.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "%")) else { return String(decoding: bytes, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
