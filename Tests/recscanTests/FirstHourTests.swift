import Foundation
import Testing

/// What a new user stumbled on in the first hour, each checked by running the binary: the exit
/// status and the exact words.
@Suite("A new user's first hour")
struct FirstHourTests {
    let cli = EndToEndTests()
    var repository: URL { EndToEndTests.repository }

    @Test func aMisspeltCommandIsOneUnknownCommandWithASuggestion() throws {
        let run = try cli.recscan(["valdiate", "x.xml"], in: repository)
        #expect(run.status == 64)
        #expect(
            run.stderr
                == "recscan: unknown command 'valdiate'; did you mean 'validate'? (commands: scan, explain, triage, rules, validate, schema, partition, merge, report, help)\n"
        )
    }

    @Test func versionNamesTheToolAndTheBundledCatalog() throws {
        let run = try cli.recscan(["--version"], in: repository)
        #expect(run.status == 0)
        #expect(run.stdout == "recscan 0.9.0 (bundled catalog 2026.11.28, 68 rules)\n")
    }

    @Test func aNegativeMaxAgeIsCalledNegative() throws {
        let run = try cli.recscan(["scan", "--max-age", "-1"], in: repository)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: --max-age must not be negative, got -1\n"))
    }

    @Test func aMissingInventoriesFolderIsSaidToBeMissing() throws {
        let given = try cli.recscan(["scan", "--inventories", "/does/not/exist"], in: repository)
        #expect(given.status == 64)
        #expect(given.stderr == "recscan: --inventories /does/not/exist: does not exist\n")
        let work = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let outside = try cli.recscan(["scan"], in: work)
        #expect(outside.status == 64)
        #expect(
            outside.stderr
                == "recscan: --inventories Inventories: does not exist; name the folder of inventories with --inventories DIR\n"
        )
    }

    @Test func aFileGivenForAnOptionIsNamedByTheOption() throws {
        let markdown = try cli.recscan(["scan", "--catalog", "README.md", "--out", "/nonexistent/x"], in: repository)
        #expect(markdown.status == 65)
        #expect(
            markdown.stderr
                == "recscan: --catalog README.md: not a recscan catalog (not XML); see 'recscan schema catalog'\n")
        let folder = try cli.recscan(["scan", "--catalog", "Sources"], in: repository)
        #expect(folder.status == 65)
        #expect(folder.stderr == "recscan: --catalog Sources: is a folder; give the recscan catalog file\n")
        let fleet = try cli.recscan(["scan", "--catalog", "Inventories/fleet.xml"], in: repository)
        #expect(
            fleet.stderr
                == "recscan: --catalog Inventories/fleet.xml:19: root element is {urn:recscan:fleet:1}fleet, expected {urn:recscan:catalog:1}catalog\n"
        )
    }

    @Test func validateChecksEachFileOfAFolderAndRefusesAFIFO() throws {
        let folder = try cli.recscan(["validate", "Inventories"], in: repository)
        #expect(folder.status == 2)
        #expect(folder.stdout.contains("Inventories/db01.xml: valid recscan inventory XML\n"))
        #expect(folder.stdout.contains("Inventories/fleet.xml: valid recscan fleet XML\n"))
        #expect(
            folder.stdout.contains(
                "Inventories/broken.xml:6:15: ends early (the file looks truncated): Specification mandates value for attribute hostna"
            ))
        let work = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let fifo = work.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = try cli.recscan(["validate", fifo], in: work)
        #expect(pipe.status == 2)
        #expect(
            pipe.stdout
                == "\(fifo): invalid\n  \(fifo): is not a regular file (a FIFO, device or socket is never read)\n")
    }

    @Test func anUnwritableOutputIsSaidOnceWithTheSystemsCause() throws {
        let run = try cli.recscan(["scan", "--out", "/proc/x", "--quiet"], in: repository)
        #expect(run.status == 73)
        #expect(
            run.stderr
                == "recscan: /proc/x: cannot be created: No such file or directory; the run was discarded, /proc/x/latest is unchanged\n"
        )
    }

    @Test func anEmptyInventoriesFolderFailsLoudlyUnlessExpected() throws {
        let work = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(
            at: work.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try cli.recscan(["scan", "--inventories", "empty", "--out", "out"], in: work)
        #expect(empty.status == 66)
        #expect(
            empty.stderr
                == "recscan: --inventories empty holds no inventory file; nothing was written. Is the folder mounted? Pass --allow-empty when an empty fleet is expected.\n"
        )
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path))
        let allowed = try cli.recscan(
            ["scan", "--inventories", "empty", "--out", "out", "--allow-empty", "-q"], in: work)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("out/latest/report.xml").path))
    }

    @Test func helpShowsEachDefaultOnceTheReferenceTimeFormatsAndExamples() throws {
        let scan = try cli.recscan(["scan", "--help"], in: repository)
        #expect(!scan.stdout.contains("(default 256M)"))
        #expect(scan.stdout.contains("SOURCE_DATE_EPOCH"))
        #expect(scan.stdout.contains("CycloneDX"))
        for command in ["scan", "explain", "triage", "validate", "merge", "report", "rules", "schema"] {
            let help = try cli.recscan([command, "--help"], in: repository)
            #expect(help.stdout.contains("Examples:"), "\(command)")
        }
        let validate = try cli.recscan(["validate", "--help"], in: repository)
        #expect(validate.stdout.contains("dpkg"))
    }

    @Test func rulesAnswerWhetherTheCatalogCoversAPackage() throws {
        let openssl = try cli.recscan(["rules", "--package", "openssl"], in: repository)
        #expect(openssl.status == 0)
        #expect(openssl.stdout.hasPrefix("catalog 2026.11.28: 2 rules for package openssl\n"))
        #expect(openssl.stdout.contains("  software: deb openssl >= 3.0.0, < 3.0.7-1\n"))
        let django = try cli.recscan(["rules", "--package", "Django", "--ecosystem", "PyPI"], in: repository)
        #expect(django.status == 1)
        #expect(
            django.stdout
                == "catalog 2026.11.28: 0 rules for package Django in pypi\nNo rule for package Django in pypi: a host that runs it gets no recommendation for it. Rules that match packages, by ecosystem: deb 21, generic 2, maven 1, rpm 20, windows 4.\n"
        )
        let cve = try cli.recscan(["rules", "--cve", "cve-2014-0160"], in: repository)
        #expect(cve.stdout.contains("1006012  intrusion-prevention  medium"))
    }

    @Test func theDashboardLeadsWithTheMostSevereDecisionAndTellsStaleFromUnanalysed() throws {
        let work = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let inventories = repository.appendingPathComponent("Inventories").path
        let scan = try cli.recscan(["scan", "--inventories", inventories, "--out", "out", "-q"], in: work)
        #expect(scan.status == 2)
        let index = try String(contentsOf: work.appendingPathComponent("out/latest/index.html"), encoding: .utf8)
        #expect(
            index.contains(
                "The most severe: <a href=\"rules/1011874.html\">rule 1011874</a> (critical, Exim SMTP AUTH Out-Of-Bounds Write Vulnerability (CVE-2023-42115)) on 1 host, where it would block traffic."
            ))
        let decisions = try #require(
            index.range(of: "<caption>Decisions waiting, by rule and reason, the most severe first</caption>"))
        let firstRow = try #require(index[decisions.upperBound...].range(of: "<tbody>\n<tr>"))
        #expect(index[firstRow.upperBound...].hasPrefix("<th scope=\"row\"><a href=\"rules/1011874.html\">"))
        #expect(
            index.contains(
                "<span class=\"label\">hosts not analysed</span> <span class=\"detail\">unreadable or no inventory</span>"
            ))
        #expect(index.contains("<span class=\"value\">1</span> <span class=\"label\">stale inventories</span>"))
        #expect(index.components(separatedBy: "No previous run to compare with").count == 2)
        #expect(!index.contains("SPEC"))
    }

    @Test func withoutAFleetExportStderrAndTheDashboardSaySo() throws {
        let work = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("Inventories/web01.xml"),
            to: folder.appendingPathComponent("web01.xml"))
        let scan = try cli.recscan(["scan", "--inventories", "in", "--out", "out"], in: work)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(
            scan.stderr.contains(
                "warning: no fleet export in in and none given with --fleet or --ds-export: every host is taken to be on no policy with automatic application off, so every recommendation waits for a decision and no assignment is audited\n"
            ))
        let index = try String(contentsOf: work.appendingPathComponent("out/latest/index.html"), encoding: .utf8)
        #expect(index.contains("<strong>No host is on a policy:</strong> no fleet export was found"))
    }

    /// A folder holding copies of importer fixtures.
    private func inventories(_ fixtures: [String]) throws -> URL {
        let work = try cli.temporaryDirectory()
        let folder = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for fixture in fixtures {
            let source = repository.appendingPathComponent("Tests/RecscanCoreTests/Fixtures/importers/" + fixture)
            try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(source.lastPathComponent))
        }
        return work
    }

    @Test func aHostWhosePackagesNoRuleCanMatchIsFlaggedEverywhere() throws {
        let work = try inventories(["cyclonedx/pyapp02.cdx.json"])
        defer { try? FileManager.default.removeItem(at: work) }
        let scan = try cli.recscan(["scan", "--inventories", "in", "--out", "out", "--verbose"], in: work)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(
            scan.stderr.contains(
                "pyapp02: read as CycloneDX JSON SBOM; os unknown; collected 2026-11-29T15:05:54.410321+00:00 (stated); packages: pypi 15 (no rule); no catalog rule can match any of its packages\n"
            ))
        let report = try String(contentsOf: work.appendingPathComponent("out/latest/report.xml"), encoding: .utf8)
        #expect(
            report.contains(
                "<inventory collectedFrom=\"inventory\">\n      <read file=\"in/pyapp02.cdx.json\" format=\"CycloneDX JSON SBOM\"/>\n      <packages ecosystem=\"pypi\" count=\"15\" rules=\"0\"/>\n    </inventory>"
            ))
        #expect(
            report.contains(
                "<finding kind=\"packages-not-covered\" severity=\"medium\">No catalog rule can match any of this host's 15 packages (pypi 15)"
            ))
        let page = try String(contentsOf: work.appendingPathComponent("out/latest/hosts/pyapp02.html"), encoding: .utf8)
        #expect(page.contains("in/pyapp02.cdx.json <span class=\"detail\">(read as CycloneDX JSON SBOM)</span>"))
        #expect(page.contains("No catalog rule can match any of this host&#39;s packages"))
        let validate = try cli.recscan(["validate", "in"], in: work)
        #expect(validate.stdout.contains("  pyapp02: read as CycloneDX JSON SBOM; os unknown;"))
    }

    @Test func aPackageListTakesItsFilesTimeOrTheBatchTimeAndSaysWhich() throws {
        let work = try inventories(["dpkg/bookworm-build.status"])
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("in/bookworm-build.status").path
        let modified = Date(timeIntervalSince1970: 1_793_491_200)  // 2026-11-01T00:00:00Z
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file)
        let byFile = try cli.recscan(
            ["scan", "--inventories", "in", "--out", "a", "--as-of", "2026-11-29", "-q"], in: work)
        #expect(byFile.status == 0, "\(byFile.stderr)")
        let stale = try String(contentsOf: work.appendingPathComponent("a/latest/report.xml"), encoding: .utf8)
        #expect(stale.contains("status=\"stale\" collected=\"2026-11-01T00:00:00Z\">"))
        #expect(
            stale.contains(
                "<os family=\"linux\" name=\"debian\" version=\"12\" inferredFrom=\"base-files 12.4+deb12u11\"/>"))
        #expect(stale.contains("<inventory collectedFrom=\"file-modified\">"))
        let page = try String(
            contentsOf: work.appendingPathComponent("a/latest/hosts/bookworm-build.html"), encoding: .utf8)
        #expect(
            page.contains(
                "2026-11-01T00:00:00Z <span class=\"detail\">(the file&#39;s modification time: the inventory does not say)</span>"
            ))
        #expect(page.contains("(inferred from base-files 12.4+deb12u11)"))
        let given = try cli.recscan(
            ["scan", "--inventories", "in", "--out", "b", "--as-of", "2026-11-29", "--collected", "2026-11-28", "-q"],
            in: work)
        #expect(given.status == 0)
        let current = try String(contentsOf: work.appendingPathComponent("b/latest/report.xml"), encoding: .utf8)
        #expect(current.contains("status=\"ok\" collected=\"2026-11-28T00:00:00Z\">"))
        #expect(current.contains("<inventory collectedFrom=\"given\">"))
    }

    @Test func theQuickStartPrintsWhatTheREADMEShowsOnAnyDate() throws {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "Real output of the first command"))
        let block = try #require(readme[start.upperBound...].range(of: "```\n"))
        let end = try #require(readme[block.upperBound...].range(of: "```"))
        let shown = readme[block.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
        let command = try #require(readme.range(of: "swift run recscan scan --as-of 2026-11-29 "))
        #expect(command.lowerBound < start.lowerBound)
        // As a fresh clone runs it: its own folder, no SOURCE_DATE_EPOCH, whatever today is.
        let work = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("Inventories"), to: work.appendingPathComponent("Inventories"))
        let run = try cli.recscan(["scan", "--as-of", "2026-11-29"], in: work, environment: ["PATH": "/usr/bin:/bin"])
        #expect(run.status == 2)
        let printed =
            run.stderr.split(separator: "\n").map(String.init) + run.stdout.split(separator: "\n").map(String.init)
        #expect(printed.filter { !$0.hasPrefix("warning:") } == shown)
    }

    @Test func aDanglingDependencyWarnsOnceAndBecomesAFindingInsteadOfStoppingTheBatch() throws {
        let work = try inventories([])
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(
            at: repository.appendingPathComponent("Inventories/web01.xml"),
            to: work.appendingPathComponent("in/web01.xml"))
        try Data(
            """
            <catalog xmlns="urn:recscan:catalog:1" version="test">
              <rule id="1008720" module="integrity-monitoring" name="Listening Ports Monitor" severity="low">
                <dependsOn rule="9999999"/>
              </rule>
            </catalog>
            """.utf8
        ).write(to: work.appendingPathComponent("catalog.xml"))
        let scan = try cli.recscan(
            ["scan", "--inventories", "in", "--catalog", "catalog.xml", "--out", "out"], in: work)
        #expect(scan.status == 0, "\(scan.stderr)")
        let warning =
            "warning: catalog.xml:2: rule 1008720 depends on rule 9999999, which is not in the catalog\n"
        #expect(scan.stderr.components(separatedBy: warning).count == 2, "\(scan.stderr)")
        let report = try String(contentsOf: work.appendingPathComponent("out/latest/report.xml"), encoding: .utf8)
        #expect(
            report.contains(
                "<finding kind=\"missing-dependency\" severity=\"medium\" rule=\"1008720\">Rule 1008720 depends on rule 9999999, which is not in the catalog (version test)"
            ))
        let validate = try cli.recscan(["validate", "catalog.xml"], in: work)
        #expect(validate.status == 0)
        #expect(
            validate.stdout
                == "catalog.xml: valid recscan catalog XML\n  warning: catalog.xml:2: rule 1008720 depends on rule 9999999, which is not in the catalog\n"
        )
    }

    @Test func mergeGivenTheFleetNeedsNoInventoriesFolder() throws {
        let work = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let inventories = repository.appendingPathComponent("Inventories").path
        for shard in ["1/2", "2/2"] {
            let run = try cli.recscan(
                ["scan", "--inventories", inventories, "--shard", shard, "--out", "s\(shard.prefix(1))", "-q"], in: work
            )
            #expect(run.status == 2)
        }
        let merge = try cli.recscan(
            ["merge", "s1/latest", "s2/latest", "--fleet", inventories + "/fleet.xml", "--out", "merged"], in: work)
        #expect(merge.status == 2, "\(merge.stderr)")
        #expect(merge.stdout.contains("hosts 15, "))
    }
}
