import Foundation
import RecscanFuzzKit
import Testing

@testable import RecscanCore

/// Every input the fuzzer (`fuzz/run.sh`) found a crash or a broken property with, replayed
/// through the same harness; and the version orders' properties over generated versions, so the
/// comparators are checked on every test run, not only while fuzzing.
@Suite("Fuzzing regressions and properties")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions").path

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("kept crash input", arguments: inputs)
    func keptInput(_ name: String) throws {
        let harness = try FuzzHarness(scratch: NSTemporaryDirectory() + "recscan-fuzz-test-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(atPath: harness.scratch) }
        let input = try #require(FileManager.default.contents(atPath: Self.folder + "/" + name))
        #expect(harness.run([UInt8](input)) == [])
    }

    @Test func theSeedsStillPass() throws {
        let seeds = URL(fileURLWithPath: Self.folder).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fuzz/seeds").path
        let harness = try FuzzHarness(scratch: NSTemporaryDirectory() + "recscan-fuzz-test-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(atPath: harness.scratch) }
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds)
        #expect(names.count > 20)
        for name in names {
            let input = try #require(FileManager.default.contents(atPath: seeds + "/" + name))
            #expect(harness.run([UInt8](input)) == [], "\(name)")
        }
    }

    /// Versions built from the pieces each scheme cares about, so that pairs often tie or
    /// differ in one place only.
    @Test("orders are reflexive, antisymmetric and transitive", arguments: VersionSchemeKind.allCases)
    func versionOrderProperties(_ scheme: VersionSchemeKind) {
        let pieces = [
            "0", "1", "01", "2", "10", "a", "rc", "alpha", "beta", "~", "^", "+", "-", ".", ":", "_", "post", "dev",
            "v", "",
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        var versions: [String] = []
        for _ in 0..<150 {
            versions.append((0..<(1 + next(6))).map { _ in pieces[next(pieces.count)] }.joined())
        }
        for start in stride(from: 0, to: versions.count - 2, by: 3) {
            let problems = VersionProperties.check(scheme, Array(versions[start..<(start + 3)]))
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}
