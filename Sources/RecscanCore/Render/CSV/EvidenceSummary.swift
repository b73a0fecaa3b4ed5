/// Evidence as a short line of text for a CSV cell, e.g.
/// `package deb openssl 1.0.1e-2 [1.0.1, 1.0.1g-1)`: the kind, then the values of the
/// attributes that say what the fact is, in written order; any other attribute follows as
/// `name=value`, so nothing is lost. A `fixed` or `lastAffected` bound is left out when a
/// `range` states it. Several facts are joined by `; `.
enum EvidenceSummary {
    /// The facts of one rule, joined by `; `.
    static func text(_ evidence: [Evidence]) -> String {
        var buffer = RenderBuffer()
        append(evidence, to: &buffer)
        return String(decoding: buffer.array, as: UTF8.self)
    }

    /// Appends the facts of one rule, joined by `; `, as plain text (not yet a CSV field).
    static func append(_ evidence: [Evidence], to buffer: inout RenderBuffer) {
        for (position, fact) in evidence.enumerated() {
            if position > 0 { buffer.append("; ") }
            append(fact, to: &buffer)
        }
    }

    /// One fact's text.
    static func bytes(of fact: Evidence) -> [UInt8] {
        var buffer = RenderBuffer(capacity: 64)
        append(fact, to: &buffer)
        return buffer.array
    }

    /// Appends one fact's text.
    static func append(_ fact: Evidence, to buffer: inout RenderBuffer) {
        buffer.append(utf8: fact.kind.rawValue)
        let hasRange = fact.attributes.contains { $0.name == "range" }
        for attribute in fact.attributes {
            if hasRange && (attribute.name == "fixed" || attribute.name == "lastAffected") { continue }
            buffer.append(UInt8(ascii: " "))
            if !isPlain(attribute.name, of: fact.kind) {
                buffer.append(utf8: attribute.name)
                buffer.append(UInt8(ascii: "="))
            }
            buffer.append(utf8: attribute.value)
        }
    }

    /// Whether the value of attribute `name` alone says what it is, after the kind.
    private static func isPlain(_ name: String, of kind: Evidence.Kind) -> Bool {
        switch kind {
        case .package, .patched, .uncertain:
            name == "ecosystem" || name == "name" || name == "version" || name == "range"
        case .os: name == "family" || name == "name" || name == "version" || name == "arch"
        case .applicationType: name == "id" || name == "detectedBy"
        case .dependency: name == "rule"
        case .port: name == "protocol" || name == "port"
        case .file: name == "path"
        case .service: name == "name"
        case .always: false
        }
    }
}
