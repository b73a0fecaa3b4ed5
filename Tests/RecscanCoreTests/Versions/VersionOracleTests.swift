import RecscanCore
import Testing

/// The comparators against the real tools: dpkg, rpm's Python bindings, Python's `packaging`
/// and Maven's `ComparableVersion`, over deterministic pseudo-random corpora.
@Suite("Cross-checks against the reference tools")
struct VersionOracleTests {
    @Test(
        "deb order matches dpkg --compare-versions",
        .enabled(if: VersionOracle.hasDpkg, "needs /usr/bin/dpkg")
    )
    func debianMatchesDpkg() throws {
        let pairs = VersionGrammar.debian.pairs(count: 1_500, seed: 0xDEB)
        var lines: [String] = []
        for (left, right) in pairs {
            #expect(VersionSchemeKind.deb.isValid(left) && VersionSchemeKind.deb.isValid(right), "\(left) \(right)")
            let order = try #require(VersionSchemeKind.deb.compare(left, right))
            lines.append("\(left) \(["lt", "eq", "gt"][order + 1]) \(right)")
        }
        // One dpkg call per pair asserts the relation we computed; lt, eq and gt exclude each other.
        let script =
            #"while read -r a op b; do if "$0" --compare-versions "$a" "$op" "$b"; then echo yes; else echo no; fi; done"#
        let output = try #require(
            VersionOracle.run(
                "/bin/sh",
                ["-c", script, VersionOracle.dpkg],
                input: lines.joined(separator: "\n") + "\n"
            )
        )
        #expect(output.stderr.isEmpty, "dpkg warned: \(output.stderr.prefix(500))")
        #expect(output.lines.count == lines.count)
        let disagreements = zip(lines, output.lines).filter { $0.1 != "yes" }.map(\.0)
        let spread = ["lt", "eq", "gt"].map { op in "\(op) \(lines.filter { $0.contains(" \(op) ") }.count)" }
        print("dpkg cross-check: \(lines.count) pairs (\(spread.joined(separator: ", ")))", terminator: "")
        print(", \(disagreements.count) mismatches")
        #expect(disagreements.isEmpty, "dpkg disagrees with: \(disagreements.prefix(10))")
    }

    @Test(
        "deb validity matches dpkg's errors and warnings",
        .enabled(if: VersionOracle.hasDpkg, "needs /usr/bin/dpkg")
    )
    func debianValidityMatchesDpkg() throws {
        let samples = DebianVersionTests.validitySamples.map(\.0)
        let script = #"""
            while IFS= read -r v; do
              if out=$("$0" --compare-versions "$v" eq "$v" 2>&1) && [ -z "$out" ]; then echo valid; else echo invalid; fi
            done
            """#
        let output = try #require(
            VersionOracle.run(
                "/bin/sh",
                ["-c", script, VersionOracle.dpkg],
                input: samples.joined(separator: "\n") + "\n"
            )
        )
        #expect(output.lines.count == samples.count)
        for (sample, verdict) in zip(samples, output.lines) {
            #expect(VersionSchemeKind.deb.isValid(sample) == (verdict == "valid"), "'\(sample)': dpkg says \(verdict)")
        }
    }

    @Test(
        "rpm order matches rpm.labelCompare, bounds match rpm's dependency overlap",
        .enabled(if: VersionOracle.rpmPython != nil, "needs python3-rpm")
    )
    func rpmMatchesLibrpm() throws {
        let python = try #require(VersionOracle.rpmPython)
        let pairs = VersionGrammar.rpm.pairs(count: 1_500, seed: 0x59B)
        let script = #"""
            import sys, rpm
            flags = {"-1": rpm.RPMSENSE_LESS, "0": rpm.RPMSENSE_EQUAL, "1": rpm.RPMSENSE_GREATER}
            for line in sys.stdin:
                a, b = line.rstrip("\n").split("\t")
                va, vb = rpm.ver(a), rpm.ver(b)
                full = rpm.labelCompare((va.e, va.v, va.r), (vb.e, vb.v, vb.r))
                bound = "-"
                if va.r:
                    p = rpm.ds(("p", rpm.RPMSENSE_EQUAL, a), rpm.RPMTAG_PROVIDENAME)
                    hits = [k for k, f in flags.items() if p.Compare(rpm.ds(("p", f, b), rpm.RPMTAG_REQUIRENAME))]
                    bound = hits[0] if len(hits) == 1 else "?" + "/".join(hits)
                print(full, bound)
            """#
        let input = pairs.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n"
        let output = try #require(VersionOracle.run("/usr/bin/env", [python, "-c", script], input: input))
        #expect(output.status == 0, "\(output.stderr.prefix(500))")
        try #require(output.lines.count == pairs.count)
        var mismatches: [String] = []
        var boundChecks = 0
        for ((left, right), line) in zip(pairs, output.lines) {
            let answer = line.split(separator: " ").map(String.init)
            let full = VersionSchemeKind.rpm.compare(left, right).map(String.init) ?? "nil"
            if full != answer.first { mismatches.append("\(left) vs \(right): rpm \(line), ours \(full)") }
            guard answer.count == 2, answer[1] != "-" else { continue }
            boundChecks += 1
            let bound = VersionSchemeKind.rpm.compare(version: left, toBound: right).map(String.init) ?? "nil"
            if bound != answer[1] { mismatches.append("\(left) to bound \(right): rpm \(answer[1]), ours \(bound)") }
        }
        print("rpm cross-check: \(pairs.count) pairs + \(boundChecks) bound checks, \(mismatches.count) mismatches")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test(
        "pep440 validity and order match Python's packaging",
        .enabled(if: VersionOracle.packagingPython != nil, "needs Python with packaging")
    )
    func pep440MatchesPackaging() throws {
        let python = try #require(VersionOracle.packagingPython)
        let versions = VersionGrammar.pep440Versions(count: 2_000, seed: 0x440)
        let pairs = stride(from: 0, to: versions.count - 1, by: 2).map { (versions[$0], versions[$0 + 1]) }
        let script = #"""
            import sys
            from packaging.version import Version, InvalidVersion
            def parse(s):
                try:
                    return Version(s)
                except InvalidVersion:
                    return None
            for line in sys.stdin:
                a, b = [parse(s) for s in line.rstrip("\n").split("\t")]
                order = "nil" if a is None or b is None else str((a > b) - (a < b))
                print(int(a is not None), int(b is not None), order)
            """#
        let input = pairs.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n"
        let output = try #require(VersionOracle.run("/usr/bin/env", [python, "-c", script], input: input))
        try #require(output.lines.count == pairs.count, "\(output.stderr.prefix(500))")
        var mismatches: [String] = []
        for ((left, right), line) in zip(pairs, output.lines) {
            let scheme = VersionSchemeKind.pep440
            let ours =
                "\(scheme.isValid(left) ? 1 : 0) \(scheme.isValid(right) ? 1 : 0) "
                + (scheme.compare(left, right).map(String.init) ?? "nil")
            if ours != line { mismatches.append("'\(left)' vs '\(right)': packaging \(line), ours \(ours)") }
        }
        print("packaging cross-check: \(pairs.count) pairs, \(mismatches.count) mismatches")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test(
        "maven order matches ComparableVersion",
        .enabled(if: VersionOracle.mavenJar != nil, "needs java and maven-artifact")
    )
    func mavenMatchesComparableVersion() throws {
        let jar = try #require(VersionOracle.mavenJar)
        let pairs = VersionGrammar.maven.pairs(count: 1_000, seed: 0x3A7)
        let arguments = pairs.flatMap { [$0.0, $0.1] }
        let output = try #require(
            VersionOracle.run(
                "/usr/bin/env",
                ["java", "-cp", jar, "org.apache.maven.artifact.versioning.ComparableVersion"] + arguments
            )
        )
        // ComparableVersion's main prints "   A op B" for each adjacent pair; pairs are the even ones.
        let relations = output.lines.filter { $0.hasPrefix("   ") }.map { $0.split(separator: " ")[1] }
        try #require(relations.count == arguments.count - 1, "\(output.stderr.prefix(500))")
        var mismatches: [String] = []
        for (index, (left, right)) in pairs.enumerated() {
            let expected = ["<": -1, "==": 0, ">": 1][String(relations[2 * index])]
            let ours = VersionSchemeKind.maven.compare(left, right)
            if ours != expected { mismatches.append("\(left) vs \(right): maven \(relations[2 * index])") }
        }
        print("maven cross-check: \(pairs.count) pairs, \(mismatches.count) mismatches")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
