import Foundation
import Testing

@testable import RecscanCore

/// The CSV tables: RFC 4180 quoting, the formula guard, and rows that read back as written.
@Suite("recommendations.csv and findings.csv")
struct CSVTests {
    static func cell(_ value: String) -> String {
        var line = CSVLine()
        line.field(value)
        return String(decoding: line.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rlf\r\n", "\"cr\rlf\r\n\""),
        ("", ""),
        ("Größe 漢字 🙂", "Größe 漢字 🙂"),
        ("tab\tinside", "tab\tinside"),
    ])
    func fieldsAreQuotedAsRFC4180Says(value: String, expected: String) {
        #expect(Self.cell(value) == expected)
    }

    @Test(arguments: [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "\"'\r=1\""),
        ("-", "'-"),
        ("-1.", "'-1."),
        ("-1e5", "'-1e5"),
        ("=a,b", "\"'=a,b\""),
        // Plain numbers are left alone: a spreadsheet can only read them as numbers.
        ("-1", "-1"),
        ("+2.5", "+2.5"),
        ("-0.25", "-0.25"),
        // Only the first character counts.
        ("1-1", "1-1"),
        ("a=b", "a=b"),
        ("web-01", "web-01"),
    ])
    func cellsThatASpreadsheetWouldRunAreDefused(value: String, expected: String) {
        #expect(Self.cell(value) == expected)
    }

    /// A minimal RFC 4180 reader: the rows of `text`, every record ended by CRLF.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append(scalar)
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\r" && characters.first == "\n" {
                characters.removeFirst()
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        #expect(record.isEmpty && field.isEmpty, "the last record ends with CRLF")
        return records
    }

    @Test func aHostileHostsRowsReadBackAsWritten() {
        for (index, name) in (HostileInputTests.names + ["=1+1", "a,\"b\"\r\nc"]).enumerated() {
            let host = HostileInputTests.host(name, index: index)
            for table in CSVTable.allCases {
                let rows = Self.records(String(decoding: table.rows(host), as: UTF8.self))
                let expected = table == .recommendations ? host.rules.count : host.findings.count
                #expect(rows.count == expected)
                for row in rows {
                    #expect(row.count == table.columns.count)
                    let hostname = CSVLine.mayStartAFormula(name) ? "'" + name : name
                    #expect(row.first == hostname)
                }
            }
        }
    }

    @Test func aRuleRowSaysWhereTheRuleIsAssignedExcludedAndWhy() throws {
        let host = RenderFixture.web01
        let rows = Self.records(String(decoding: CSVTable.recommendations.rows(host), as: UTF8.self))
        let columns = CSVTable.recommendations.columns
        func row(_ rule: String) throws -> [String: String] {
            let row = try #require(rows.first { $0[3] == rule })
            return Dictionary(uniqueKeysWithValues: zip(columns, row))
        }
        let assigned = try row("1000763")
        #expect(assigned["hostname"] == "web01" && assigned["policy"] == "linux-web" && assigned["status"] == "ok")
        #expect(assigned["assigned_at"] == "policy:linux-web;computer")
        #expect(assigned["evidence"] == "application-type web-server-common")
        let toAssign = try row("1006012")
        #expect(toAssign["outcome"] == "to-assign" && toAssign["apply"] == "auto" && toAssign["blocks"] == "false")
        #expect(toAssign["evidence"] == "package deb openssl 1.0.1e-2 [1.0.1, 1.0.1g-1)")
        #expect(try row("1007000")["excluded_by"] == "catalog")
        #expect(try row("1008646")["evidence"] == "patched deb bash 5.2-1 fixed=4.3-7")
        #expect(try row("2000001")["reason"] == "requires-configuration")

        let findings = Self.records(String(decoding: CSVTable.findings.rows(host), as: UTF8.self))
        #expect(findings.map { $0[3] } == host.findings.map(\.kind.rawValue))
        #expect(findings[0][6] == "computer" && findings[0][7] == "")
    }

    @Test func evidenceSummariesKeepWhatTheRangeDoesNotSay() {
        let uncertain = Evidence(
            .uncertain,
            [
                (name: "ecosystem", value: "pypi"), (name: "name", value: "django"), (name: "version", value: "x"),
                (name: "range", value: "[0, 4.2)"), (name: "fixed", value: "4.2"), (name: "reason", value: "invalid"),
            ])
        let os = Evidence(.os, [(name: "family", value: "linux"), (name: "name", value: "debian")])
        #expect(
            EvidenceSummary.text([os, uncertain])
                == "os linux debian; uncertain pypi django x [0, 4.2) reason=invalid")
        #expect(EvidenceSummary.text([Evidence(.always, [])]) == "always")
        #expect(EvidenceSummary.text([]) == "")
    }

    @Test func theFormatterWritesTheHeaderThenTheHostsInOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let destination = ReportDestination(
            directory: folder.path, run: RenderFixture.run, catalog: RenderFixture.catalog, maxAgeDays: 7)
        let fleet = FleetResults(summary: ScanSummary(), rejected: [], exclusions: [], triage: [])
        let codec = HostRecordCodec(catalog: RenderFixture.catalog)
        for table in CSVTable.allCases {
            var formatter = try CSVReportFormatter(table, destination)
            try formatter.begin(fleet)
            for report in RenderFixture.hosts {
                let host = try StoredHost(HostAnalysis(report: report, excludableRuleIDs: [], triage: []), codec: codec)
                try formatter.add(host, rendered: try formatter.renderer.render(host))
            }
            try formatter.finish(fleet)
            let text = try String(contentsOfFile: folder.path + "/" + table.fileName, encoding: .utf8)
            let records = Self.records(text)
            #expect(records.first == table.columns)
            #expect(records.dropFirst().map { $0[0] } == Self.hostnames(table, RenderFixture.hosts))
        }
    }

    static func hostnames(_ table: CSVTable, _ hosts: [HostReport]) -> [String] {
        hosts.flatMap { host in
            Array(
                repeating: CSVLine.mayStartAFormula(host.hostname) ? "'" + host.hostname : host.hostname,
                count: table == .recommendations ? host.rules.count : host.findings.count)
        }
    }
}

extension CSVLine {
    /// `mayStartAFormula` for a string, for the tests.
    static func mayStartAFormula(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { mayStartAFormula($0) }
    }
}
