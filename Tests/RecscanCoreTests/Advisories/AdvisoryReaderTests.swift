import Foundation
import Testing

@testable import RecscanCore

@Suite("Reading OSV advisories")
struct AdvisoryReaderTests {
    @Test func theShippedFixturesReadWithTheWithdrawnOneCounted() throws {
        let set = try AdvisoryReader.read(paths: [OSVFixtures.pypa, OSVFixtures.go], limits: .standard)
        #expect(set.rejected.isEmpty, "\(set.rejected)")
        #expect(set.withdrawn == 1)
        #expect(set.advisories.count == 165 + 67)
        #expect(set.advisories.map(\.id) == set.advisories.map(\.id).sorted())
        let requests = try #require(set.advisories.first { $0.id == "PYSEC-2023-74" })
        #expect(requests.aliases.contains("CVE-2023-32681"))
        #expect(requests.affected.first?.ecosystem == .pypi)
        let go = try #require(set.advisories.first { $0.id == "GO-2022-0969" })
        #expect(go.affected.map(\.name).contains("golang.org/x/net"))
        #expect(go.affected.allSatisfy { $0.ecosystem == .golang })
    }

    @Test func yamlAndJSONOfOneAdvisoryReadAlike() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let yaml = try folder.write(
            "a.yaml",
            """
            id: PYSEC-1
            aliases: [CVE-2099-1]
            severity:
            - type: CVSS_V3
              score: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
            affected:
            - package: {name: Django, ecosystem: PyPI}
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: "0"
                - fixed: 1.1
              versions: [1.0.1, 1.0.2]
            """)
        let json = try folder.write(
            "a.json",
            """
            [{"id": "PYSEC-1", "aliases": ["CVE-2099-1"],
              "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
              "affected": [{"package": {"name": "Django", "ecosystem": "PyPI"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1"}]}],
                "versions": ["1.0.1", "1.0.2"]}]}]
            """)
        var fromYAML = try #require(AdvisoryReader.read(file: yaml, limits: .standard).advisories.first)
        var fromJSON = try #require(AdvisoryReader.read(file: json, limits: .standard).advisories.first)
        #expect(fromYAML.severity == .critical)
        (fromYAML.file, fromJSON.file) = ("", "")
        (fromYAML.line, fromJSON.line) = (0, 0)
        fromYAML.affected = fromYAML.affected.map {
            var entry = $0
            entry.line = 0
            return entry
        }
        fromJSON.affected = fromJSON.affected.map {
            var entry = $0
            entry.line = 0
            return entry
        }
        #expect(fromYAML == fromJSON)
    }

    @Test(
        "A bad advisory rejects its file with the line, and the rest is read",
        arguments: [
            ("affected: [", "is not valid YAML"),
            ("affected: nope", "\"affected\" is a string; expected an array"),
            (
                "affected:\n- package: {name: x, ecosystem: PyPI}\n  ranges:\n  - type: WEIRD\n    events: [{introduced: '0'}]",
                "range type \"WEIRD\""
            ),
            (
                "affected:\n- package: {name: x, ecosystem: PyPI}\n  ranges:\n  - type: ECOSYSTEM\n    events: [{closed: '1'}]",
                "none of introduced, fixed, last_affected and limit"
            ),
        ])
    func badAdvisoryIsRejectedWithItsLine(body: String, expected: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(
            "good/a.yaml",
            OSVFixtures.advisory(affected: "- package: {name: x, ecosystem: PyPI}\n  versions: ['1.0']\n"))
        let bad = try folder.write("good/b.yaml", "id: BAD-1\n" + body + "\n")
        let set = try AdvisoryReader.read(paths: [folder.path + "/good"], limits: .standard)
        #expect(set.advisories.map(\.id) == ["TEST-1"])
        let rejection = try #require(set.rejected.first)
        #expect(rejection.file == bad)
        #expect(rejection.line != nil)
        #expect(rejection.reason.contains(expected), "\(rejection.reason)")
    }

    @Test func aFolderWithNothingUsableIsUnusable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("x/broken.yaml", "id: [\n")
        try folder.write("x/withdrawn.json", #"{"id": "W-1", "withdrawn": "2024-01-01T00:00:00Z"}"#)
        try folder.write("x/LICENSE", "Copyright: not an advisory")
        #expect(throws: ScanFailure.self) { try AdvisoryReader.read(paths: [folder.path + "/x"], limits: .standard) }
        #expect(throws: ScanFailure.self) { try AdvisoryReader.read(paths: [folder.path + "/none"], limits: .standard) }
    }

    @Test func hostileYAMLIsBounded() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Billion laughs: each alias doubles what writing the tree out would repeat.
        var bomb = "id: BOMB\na0: &a0 [x, x]\n"
        for level in 1...40 { bomb += "a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        bomb += "affected: []\n"
        let bombPath = try folder.write("bomb.yaml", bomb)
        #expect(throws: InputError.self) { try AdvisoryReader.read(file: bombPath, limits: .standard) }
        let deep = try folder.write("deep.yaml", "id: DEEP\naffected: " + String(repeating: "[", count: 5_000) + "\n")
        let error = try #require(throws: InputError.self) { try AdvisoryReader.read(file: deep, limits: .standard) }
        #expect(error.message.contains("deeper than 64"))
        let notOSV = try folder.write("other.json", #"{"bomFormat": "CycloneDX"}"#)
        let other = try #require(throws: InputError.self) { try AdvisoryReader.read(file: notOSV, limits: .standard) }
        #expect(other.message.contains("is not an OSV advisory"))
    }

    @Test(
        "CVSS 3 base scores as the specification computes them",
        arguments: [
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
            ("CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5),
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", 5.9),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0),
        ])
    func cvssBaseScore(vector: String, score: Double) {
        #expect(CVSSScore.baseScore(vector) == score)
    }

    /// Truncated and corrupted advisories are rejected with a position or read; none crashes,
    /// none is rejected without naming its file.
    @Test func damagedAdvisoriesAreRejectedCleanly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sources = [OSVFixtures.pypa + "/requests/PYSEC-2023-74.yaml", OSVFixtures.go + "/GO-2022-0969.json"]
        var generator = SeededGenerator(seed: 0x05F)
        var outcomes = (read: 0, rejected: 0)
        for source in sources {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
            let name = (source as NSString).lastPathComponent
            for step in 0..<150 {
                var damaged = Array(bytes.prefix(bytes.count * step / 150))
                if step % 2 == 1, !damaged.isEmpty {
                    let at = Int.random(in: 0..<damaged.count, using: &generator)
                    damaged[at] =
                        [UInt8(ascii: "["), UInt8(ascii: ":"), UInt8(ascii: "&"), 0xFF, UInt8(ascii: "\"")][
                            step % 5]
                }
                let path = try folder.write(name, String(decoding: damaged, as: UTF8.self))
                _ = FileManager.default.createFile(atPath: path, contents: Data(damaged))
                do {
                    _ = try AdvisoryReader.read(file: path, limits: .standard)
                    outcomes.read += 1
                } catch let error as InputError {
                    #expect(error.file == path)
                    outcomes.rejected += 1
                }
            }
        }
        #expect(outcomes.rejected > 100 && outcomes.read > 0, "\(outcomes)")
    }
}
