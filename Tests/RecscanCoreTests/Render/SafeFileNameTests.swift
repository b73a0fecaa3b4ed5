import Testing
@testable import RecscanCore

@Suite("Safe file names") struct SafeFileNameTests {
    static let awkward = [
        "../etc/passwd", "..", ".", "", "/", "a/b", "a\\b", "a\u{0}b", "CON", "con", "nul.txt", "Lpt1", "com9.example",
        "aux", ".hidden", "a..b", "trailing.", "...", "wéb-ñ", "WEB01", "host name", "C:\\Windows\\system32",
        String(repeating: "a", count: 500), String(repeating: "Ab/", count: 200), "%2e%2e%2f", "<script>",
    ]

    @Test("never leaves the folder", arguments: awkward) func staysInFolder(_ input: String) {
        for name in [SafeFileName.forHost(input), SafeFileName.forRule(input)] {
            #expect(!name.isEmpty)
            #expect(!name.contains("/"))
            #expect(!name.contains("\\"))
            #expect(!name.contains(".."))
            #expect(!name.contains("\u{0}"))
            #expect(!name.hasPrefix("."))
            #expect(!name.hasSuffix("."))
            #expect(name.count <= SafeFileName.maximumLength)
            #expect(
                name.unicodeScalars.allSatisfy { scalar in
                    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                        || "-_.~".unicodeScalars.contains(scalar)
                }
            )
            let stem = name.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            #expect(!["con", "prn", "aux", "nul", "com1", "com9", "lpt1"].contains(stem))
        }
    }

    @Test("is stable", arguments: awkward) func stable(_ input: String) {
        #expect(SafeFileName.forHost(input) == SafeFileName.forHost(input))
        #expect(SafeFileName.forRule(input) == SafeFileName.forRule(input))
    }

    @Test func safeNamesAreKept() {
        for name in ["web01", "1000763", "host-1.example.com", "db_02"] {
            #expect(SafeFileName.forHost(name) == name)
            #expect(SafeFileName.forRule(name) == name)
        }
    }

    @Test func differentInputsMapToDifferentFiles() {
        let groups = [
            ["web01", "WEB01", "Web01", "wEb01"], ["a/b", "a\\b", "a_b", "a b", "a:b"], ["con", "_con", "CON"],
            [
                String(repeating: "x", count: 300) + "1", String(repeating: "x", count: 300) + "2",
                String(repeating: "x", count: 300),
            ], ["web01", "WEB01", "web01~" + String(SafeFileName.forHost("WEB01").split(separator: "~").last ?? "")],
        ]
        for group in groups {
            let names = Set(group.map(SafeFileName.forHost))
            #expect(names.count == group.count, "\(group) -> \(names.sorted())")
        }
    }

    @Test func changedNamesKeepAReadablePrefix() {
        let name = SafeFileName.forHost("WEB01.Example.COM")
        #expect(name.hasPrefix("web01.example.com~"))
        #expect(name.count == "web01.example.com~".count + 12)
    }
}
