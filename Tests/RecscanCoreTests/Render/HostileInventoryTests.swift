import Foundation
import Testing

@testable import RecscanCore

/// A hostile inventory folder scanned end to end, as a run would read it from untrusted hosts.
@Suite("A hostile inventory scanned end to end")
struct HostileInventoryTests {
    static let policy = "x&quot;&gt;&lt;svg onload=alert(5)&gt;"

    /// Writes the hostile inputs into `folder/in` and returns the options of a scan of them.
    static func inputs(in folder: TemporaryFolder) throws -> ScanOptions {
        try folder.write(
            "in/fleet.xml",
            """
            <fleet xmlns="urn:recscan:fleet:1">
              <policy id="\(policy)" name="&lt;b&gt;" engineMode="inline">
                <settings module="intrusion-prevention" autoApply="yes"/>
                <assign rule="1000763"/>
                <override rule="1004293" recommendations="excluded" reason="&lt;script&gt;alert(6)&lt;/script&gt;"
                          by="&apos; onfocus=&apos;alert(7)" expires="2099-01-01"/>
              </policy>
              <computer hostname="../../etc/passwd" policy="\(policy)"><assign rule="1000763"/></computer>
              <computer hostname="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" policy="\(policy)"/>
            </fleet>
            """)
        for (file, name) in [
            ("a.xml", "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), ("b.xml", "../../etc/passwd"),
            ("c.xml", ".."),
            ("d.xml", "CON"), ("e.xml", "javascript:alert(8)"),
        ] {
            try folder.write(
                "in/" + file,
                """
                <inventory xmlns="urn:recscan:inventory:1">
                  <host hostname="\(name)" collected="2026-11-28T08:00:00Z">
                    <os family="linux" name="debian" version="12&lt;i&gt;" arch="&apos;x"/>
                    <package ecosystem="deb" name="&lt;img src=x onerror=alert(2)&gt;" version="1&apos; onmouseover=&apos;x"/>
                    <package ecosystem="deb" name="openssl" version="1.0.1e-2"/>
                    <listen protocol="tcp" port="80" process="&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;"/>
                    <file path="/var/www/&lt;script&gt;.php"/>
                  </host>
                </inventory>
                """)
        }
        try folder.write(
            "in/<b onclick=alert(4)>.xml", "<inventory xmlns=\"urn:recscan:inventory:1\"><host hostname=\"")
        try folder.write(
            "in/events.xml",
            """
            <events xmlns="urn:recscan:events:1">
              <event time="2026-11-28T10:15:00Z" hostname="../../etc/passwd" rule="1000763" action="reset"/>
            </events>
            """)
        var options = ScanOptions()
        options.inventories = folder.path + "/in"
        options.outDirectory = folder.path + "/out"
        options.referenceTime = Fixture.referenceTime
        options.formats = [.html]
        return options
    }

    @Test func rendersInertAndInsideTheRunFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try await ScanPipeline(options: Self.inputs(in: folder)).run()
        // The broken file names no host, so its file name becomes one: six hosts.
        #expect(result.summary.hosts == 6)
        #expect(result.rejected.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["in", "out"])
        let files = regularFiles(under: result.runPath)
        #expect(files.filter { $0.hasPrefix("hosts/") }.count == 6)
        var problems: [String] = []
        for file in files where file.hasSuffix(".html") {
            let page = try HTMLInspection.read(result.runPath, file)
            problems += HTMLInspection.problems(page: page, file: file, directory: result.runPath)
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        let index = try HTMLInspection.read(result.runPath, "index.html")
        #expect(index.contains("&lt;b onclick=alert(4)&gt;.xml"))
        #expect(index.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        let host = try HTMLInspection.read(result.runPath, "hosts/\(SafeFileName.forHost("../../etc/passwd")).html")
        #expect(host.contains("<h1>../../etc/passwd "))
        #expect(host.contains("id=\"triage\""))
        let broken = try HTMLInspection.read(
            result.runPath, "hosts/\(SafeFileName.forHost("<b onclick=alert(4)>")).html")
        #expect(broken.contains("<h1>&lt;b onclick=alert(4)&gt; "))
    }
}
