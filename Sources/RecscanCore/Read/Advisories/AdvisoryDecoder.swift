/// Reads OSV advisories out of a parsed document (JSON or YAML): one advisory, or an array of
/// them. Every field is checked for its type; a problem names the line of the value.
struct AdvisoryDecoder {
    let file: String

    /// What a document holds: the advisories in force, how many were withdrawn, and the affected
    /// entries whose ecosystem recscan cannot match (by ecosystem).
    struct Decoded {
        var advisories: [Advisory] = []
        var withdrawn = 0
        var unsupportedEcosystems: [String: Int] = [:]
    }

    /// Whether a document looks like OSV: an object with `id` and `affected` or `withdrawn`, or
    /// an array of them.
    static func isAdvisory(_ node: JSONNode) -> Bool {
        if let elements = node.array { return !elements.isEmpty && elements.allSatisfy(isAdvisoryObject) }
        return isAdvisoryObject(node)
    }

    private static func isAdvisoryObject(_ node: JSONNode) -> Bool {
        node["id"] != nil && (node["affected"] != nil || node["withdrawn"] != nil)
    }

    /// Every advisory of the document.
    /// - Throws: `InputError` at the first value that is not what OSV says it is.
    func decode(_ document: JSONNode) throws -> Decoded {
        var decoded = Decoded()
        for node in document.array ?? [document] {
            let fields = try JSONFields(node, file: file)
            if try fields.string("withdrawn") != nil {
                decoded.withdrawn += 1
                continue
            }
            decoded.advisories.append(try advisory(fields, unsupported: &decoded.unsupportedEcosystems))
        }
        return decoded
    }

    private func advisory(_ fields: JSONFields, unsupported: inout [String: Int]) throws -> Advisory {
        let id = try fields.requiredString("id").trimmingWhitespace
        guard !id.isEmpty else { throw fields.error("has an empty \"id\"", at: "id") }
        var packages: [AdvisoryPackage] = []
        for entry in try fields.array("affected") ?? [] {
            let entryFields = try JSONFields(entry, file: file)
            guard let package = try affected(entryFields) else {
                let ecosystem = try entryFields.object("package")?.string("ecosystem") ?? "?"
                unsupported[ecosystem, default: 0] += 1
                continue
            }
            packages.append(package)
        }
        return Advisory(
            id: id, aliases: try fields.strings("aliases") ?? [], summary: try fields.string("summary"),
            severity: try severity(fields), affected: packages, file: file, line: fields.line)
    }

    /// One `affected` entry; `nil` when its ecosystem is none recscan can match.
    private func affected(_ fields: JSONFields) throws -> AdvisoryPackage? {
        guard let package = try fields.object("package") else { throw fields.error("has no \"package\"") }
        let osvEcosystem = try package.requiredString("ecosystem")
        let mapped = OSVEcosystem(osvEcosystem)
        var ecosystem = mapped?.ecosystem
        var name = try package.requiredString("name")
        if let purl = try package.string("purl").flatMap(PackageURL.init), purl.ecosystem != .generic {
            ecosystem = purl.ecosystem
            name = purl.packageName
        }
        guard let ecosystem else { return nil }
        var ranges: [AdvisoryRange] = []
        for range in try fields.array("ranges") ?? [] {
            ranges.append(try self.range(try JSONFields(range, file: file)))
        }
        let versions = try (fields.array("versions") ?? []).map { element in
            guard let text = element.trimmedText else {
                throw InputError(
                    file: file, line: element.line,
                    message: "\"versions\" holds \(element.kindDescription), not a version")
            }
            return text
        }
        return AdvisoryPackage(
            ecosystem: ecosystem, name: name, osvEcosystem: osvEcosystem, operatingSystem: mapped?.operatingSystem,
            ranges: ranges, versions: versions, line: fields.line)
    }

    private func range(_ fields: JSONFields) throws -> AdvisoryRange {
        let type = try fields.requiredString("type")
        guard let kind = AdvisoryRange.Kind(rawValue: type) else {
            throw fields.error("has range type \"\(type)\"; expected ECOSYSTEM, SEMVER or GIT", at: "type")
        }
        guard let events = try fields.array("events"), !events.isEmpty else {
            throw fields.error("has a range without \"events\"")
        }
        return AdvisoryRange(
            kind: kind, events: try events.map { try event(try JSONFields($0, file: file)) },
            repository: try fields.string("repo"))
    }

    private func event(_ fields: JSONFields) throws -> AdvisoryRange.Event {
        let kinds: [(String, (String) -> AdvisoryRange.Event)] = [
            ("introduced", AdvisoryRange.Event.introduced), ("fixed", AdvisoryRange.Event.fixed),
            ("last_affected", AdvisoryRange.Event.lastAffected), ("limit", AdvisoryRange.Event.limit),
        ]
        for (key, make) in kinds {
            guard let member = fields.node[key] else { continue }
            guard let version = member.trimmedText else {
                throw InputError(
                    file: file, line: member.line,
                    message: "\"\(key)\" is \(member.kindDescription); expected a version")
            }
            return make(version)
        }
        throw fields.error("has an event that is none of introduced, fixed, last_affected and limit")
    }

    /// `database_specific.severity` when it names a rating, else the highest CVSS 3 base score.
    private func severity(_ fields: JSONFields) throws -> Severity? {
        if let stated = try fields.object("database_specific")?.string("severity") {
            switch stated.lowercased() {
            case "critical": return .critical
            case "high": return .high
            case "moderate", "medium": return .medium
            case "low": return .low
            default: break
            }
        }
        var scores: [Double] = []
        for entry in try fields.array("severity") ?? [] {
            if let vector = try JSONFields(entry, file: file).string("score"), let score = CVSSScore.baseScore(vector) {
                scores.append(score)
            }
        }
        return scores.max().map(CVSSScore.severity)
    }
}

/// An OSV ecosystem name (`PyPI`, `Go`, `Debian:12`, `Ubuntu:22.04:LTS`, `Rocky Linux:9`, …)
/// as recscan matches it: an ecosystem and, for a distribution, the OS release it is limited to.
struct OSVEcosystem {
    let ecosystem: Ecosystem
    let operatingSystem: OSConstraint?

    /// `nil` for an ecosystem recscan has no version scheme for.
    init?(_ name: String) {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let base = parts[0]
        let languages: [String: Ecosystem] = [
            "PyPI": .pypi, "Go": .golang, "npm": .npm, "Maven": .maven, "crates.io": .cargo, "RubyGems": .gem,
            "NuGet": .nuget,
        ]
        let distributions: [String: (Ecosystem, String)] = [
            "Debian": (.deb, "debian"), "Ubuntu": (.deb, "ubuntu"), "AlmaLinux": (.rpm, "almalinux"),
            "Rocky Linux": (.rpm, "rocky"), "Red Hat": (.rpm, "rhel"),
        ]
        if let language = languages[base] {
            ecosystem = language
            operatingSystem = nil
        } else if let (packages, distribution) = distributions[base] {
            ecosystem = packages
            // The release is the first suffix part that starts with a digit: "Ubuntu:Pro:18.04:LTS" → 18.04.
            let release = parts.dropFirst().first { $0.first?.isNumber == true }
            operatingSystem = OSConstraint(name: distribution, version: release)
        } else {
            return nil
        }
    }
}
