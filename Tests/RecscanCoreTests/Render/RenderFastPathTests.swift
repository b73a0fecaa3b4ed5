import Foundation
import Testing

@testable import RecscanCore

/// The fast paths of `report.json` and the CSV tables against plain oracles: the escapers, and
/// the memos that skip rendering what repeats.
@Suite("Render fast paths against their oracles")
struct RenderFastPathTests {
    /// Random strings with every special character at every offset from a word boundary.
    static func randomStrings() -> [String] {
        var generator = SeededGenerator(seed: 20_261_207)
        var strings: [String] = []
        for length in 0..<40 {
            for _ in 0..<20 {
                var scalars = RenderBufferTests.randomBytes(length, using: &generator).map { Unicode.Scalar($0) }
                if length > 2 && Bool.random(using: &generator) {
                    scalars[Int.random(in: 0..<length, using: &generator)] = "é"
                    scalars[Int.random(in: 0..<length, using: &generator)] = "🙂"
                }
                strings.append(String(String.UnicodeScalarView(scalars)))
            }
        }
        return strings
    }

    /// RFC 8259 escaping, one character at a time.
    static func oracleJSON(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// RFC 4180 quoting and the formula guard, one character at a time.
    static func oracleCSV(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var guarded = scalars
        if let first = scalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            let parts = scalars.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
            let number =
                (first == "+" || first == "-") && parts.count <= 2
                && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
            if !number { guarded.insert("'", at: 0) }
        }
        let result = String(String.UnicodeScalarView(guarded))
        guard guarded.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return result }
        return "\"" + result.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    @Test func escapingMatchesTheOracles() {
        for text in Self.randomStrings() + ["-1", "-1.5", "+.5", "-1.", "--1", "=", "", "a\r\nb"] {
            var json = JSONBytes()
            json.string(text)
            #expect(String(decoding: json.bytes, as: UTF8.self) == Self.oracleJSON(text), "\(Array(text.utf8))")
            var csv = CSVLine()
            csv.field(text)
            #expect(String(decoding: csv.bytes, as: UTF8.self) == Self.oracleCSV(text), "\(Array(text.utf8))")
        }
    }

    /// A host rendered with memos (twice, so that the second time every rule comes from them)
    /// reads as the host rendered without.
    @Test func memosChangeNothing() {
        var hosts = RenderFixture.hosts
        for (index, name) in HostileInputTests.names.enumerated() {
            hosts.append(HostileInputTests.host(name, index: index))
        }
        var ordinalOf: [String: Int] = [:]
        var jsonMemo = RenderMemo()
        var csvMemo = RenderMemo()
        for _ in 0..<2 {
            for host in hosts {
                // A rule keeps its ordinal only as long as its identity stays the same, as in a run;
                // every third has none (-1), as a rule the catalog does not describe.
                let ordinals = host.rules.enumerated().map { position, rule in
                    guard position % 3 != 2 else { return -1 }
                    let key = [rule.ruleID, rule.module.rawValue, rule.name, rule.severity.rawValue].joined(
                        separator: "\u{0}")
                    if let known = ordinalOf[key] { return known }
                    ordinalOf[key] = ordinalOf.count
                    return ordinalOf.count - 1
                }
                #expect(HostJSON.render(host, ordinals: ordinals, memo: &jsonMemo) == HostJSON.render(host))
                let table = CSVTable.recommendations
                #expect(table.rows(host, ordinals: ordinals, memo: &csvMemo) == table.rows(host))
            }
        }
    }
}
