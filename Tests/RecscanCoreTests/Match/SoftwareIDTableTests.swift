import Testing

@testable import RecscanCore

/// The table answers from one-byte tags first: with thousands of names many share a tag, and
/// every lookup must still find exactly its own entry.
@Suite("Software id table")
struct SoftwareIDTableTests {
    static let names = (0..<5000).map { "lib\($0 * 7919 % 100_003)-common" }

    static let table = SoftwareIDTable(
        names.enumerated().map { (key: SoftwareKey(.deb, $1), value: $0) }
            + [(key: SoftwareKey(.pypi, "Requests_Toolbelt"), value: 5000)])

    @Test("every name finds its own id; names, lengths and ecosystems it does not hold find none")
    func findsExactlyItsEntries() {
        for (id, name) in Self.names.enumerated() {
            #expect(Self.table.id(.deb, name) == id)
            #expect(Self.table.id(.rpm, name) == nil)
            #expect(Self.table.id(.deb, name + "x") == nil)
            #expect(Self.table.id(.deb, String(name.dropLast())) == nil)
        }
        for missing in 0..<5000 { #expect(Self.table.id(.deb, "absent\(missing)") == nil) }
        #expect(Self.table.id(.deb, "") == nil)
    }

    @Test("names are looked up as their ecosystem normalizes them")
    func normalizedNames() {
        #expect(Self.table.id(.pypi, "requests-toolbelt") == 5000)
        #expect(Self.table.id(.pypi, "Requests.Toolbelt") == 5000)
    }

    @Test("one name in two ecosystems is two entries")
    func sameNameInTwoEcosystems() {
        let table = SoftwareIDTable(
            Self.names.prefix(100).enumerated().flatMap { id, name in
                [(key: SoftwareKey(.deb, name), value: 2 * id), (key: SoftwareKey(.rpm, name), value: 2 * id + 1)]
            })
        for (id, name) in Self.names.prefix(100).enumerated() {
            #expect(table.id(.deb, name) == 2 * id && table.id(.rpm, name) == 2 * id + 1)
            #expect(table.id(.npm, name) == nil)
        }
    }

    @Test("names are told apart within their first 16 bytes, which the entry holds, and after them")
    func namesAroundSixteenBytes() {
        let names = ["abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr", "a", "ab"]
        let table = SoftwareIDTable(names.enumerated().map { (key: SoftwareKey(.deb, $1), value: $0) })
        for (id, name) in names.enumerated() { #expect(table.id(.deb, name) == id) }
        for absent in ["abcdefghijklmno", "abcdefghijklmnops", "abcdefghijklmnopqr", "b", "", "a\u{0}"] {
            #expect(table.id(.deb, absent) == nil)
        }
    }

    @Test("a name too long for an entry is still found, and only in its ecosystem")
    func outsizedName() {
        let long = String(repeating: "x", count: 70_000)
        let table = SoftwareIDTable([
            (key: SoftwareKey(.deb, long), value: 1), (key: SoftwareKey(.deb, "short"), value: 2),
        ])
        #expect(table.id(.deb, long) == 1)
        #expect(table.id(.rpm, long) == nil)
        #expect(table.id(.deb, long + "x") == nil)
        #expect(table.id(.deb, "short") == 2)
    }
}
