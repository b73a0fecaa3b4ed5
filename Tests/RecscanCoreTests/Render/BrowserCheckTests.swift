import Foundation
import Testing

@testable import RecscanCore

/// The pages of the sample run and of the hostile fleet, checked by real tools: the Nu HTML
/// checker (valid HTML5) and headless Chromium (the script runs, sorts and filters, no console
/// message, nothing from an input became active). Each check is skipped when its tool is absent.
@Suite("Pages in real tools", .serialized)
struct BrowserCheckTests {
    /// The sample run and the hostile fleet, rendered side by side into one folder.
    private static func renderPages() async throws -> (folder: TemporaryFolder, pages: [String]) {
        let folder = try TemporaryFolder()
        var options = ScanOptions()
        options.inventories = SampleOracleTests.repository.appendingPathComponent("Inventories").path
        options.referenceTime = Fixture.referenceTime
        options.outDirectory = folder.path + "/sample"
        options.formats = [.html]
        _ = try await ScanPipeline(options: options).run()
        _ = try HostileInputTests.render(into: folder.path + "/hostile")
        var hostile = try HostileInventoryTests.inputs(in: folder)
        hostile.outDirectory = folder.path + "/hostile-scan"
        _ = try await ScanPipeline(options: hostile).run()
        let pages = regularFiles(under: folder.path).filter {
            $0.hasSuffix(".html") && !$0.hasPrefix("sample/latest/")
        }
        return (folder, pages)
    }

    @Test(.enabled(if: BrowserTools.java != nil && BrowserTools.vnuJar != nil, "needs java and vnu.jar"))
    func everyPageIsValidHTML5() async throws {
        let (folder, pages) = try await Self.renderPages()
        defer { folder.remove() }
        #expect(pages.count > 60)
        let java = try #require(BrowserTools.java)
        let jar = try #require(BrowserTools.vnuJar)
        let result = try BrowserTools.run(
            java,
            ["-jar", jar, "--errors-only", "--skip-non-html"]
                + ["sample", "hostile", "hostile-scan"].map { folder.path + "/" + $0 }
        )
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty, "\(result.errors)")
    }

    @Test(.enabled(if: BrowserTools.chromium != nil, "needs chromium"))
    func chromiumLoadsEveryPageWithoutAConsoleMessage() async throws {
        let (folder, pages) = try await Self.renderPages()
        defer { folder.remove() }
        let harness = try folder.write("harness.html", Self.harness(pages))
        let chromium = try #require(BrowserTools.chromium)
        let result = try BrowserTools.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=600000", "--dump-dom",
                "file://" + harness,
            ]
        )
        // The harness writes one line per page into its <pre>, then DONE.
        let report =
            result.output.components(separatedBy: "<pre id=\"result\">").dropFirst().first?
            .components(separatedBy: "</pre>").first ?? ""
        #expect(report.hasSuffix("\nDONE"), "\(result.errors.suffix(2000))")
        let checked = report.components(separatedBy: "\n").filter { $0.hasPrefix("PAGE ") }
        #expect(checked.count == pages.count, "\(result.errors.suffix(2000))")
        let failures = checked.filter { !$0.hasSuffix(" ok") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        let console = result.errors.components(separatedBy: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
    }

    /// A page that opens every page in turn in a frame and checks it in the browser itself.
    private static func harness(_ pages: [String]) -> String {
        let list = pages.map { "\"\($0)\"" }.joined(separator: ",\n")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>recscan page check</title></head>
            <body><pre id="result"></pre>
            <script>
            const pages = [\(list)];
            const lines = [];
            function check(doc) {
              const problems = [];
              if (!doc.documentElement.classList.contains("js")) problems.push("the inline script did not finish");
              const scripts = doc.querySelectorAll("script").length;
              if (scripts !== 1) problems.push(scripts + " scripts");
              for (const element of doc.querySelectorAll("*"))
                for (const attribute of element.attributes)
                  if (attribute.name.startsWith("on")) problems.push("handler " + attribute.name);
              if (doc.querySelector("img, iframe, object, embed, base, form, style")) problems.push("foreign element");
              const table = doc.querySelector("table.sortable");
              if (table) {
                const button = table.tHead.querySelector("th button");
                if (!button) problems.push("no sort button");
                else {
                  button.click(); button.click();
                  if (button.parentElement.getAttribute("aria-sort") !== "descending") problems.push("sorting");
                }
              }
              const field = doc.querySelector("label.filter input");
              if (field) {
                const rows = [...field.closest("label").nextElementSibling.tBodies[0].rows];
                field.value = "no row has this text"; field.dispatchEvent(new Event("input"));
                if (rows.some(row => !row.hidden)) problems.push("filtering");
                field.value = ""; field.dispatchEvent(new Event("input"));
                if (rows.some(row => row.hidden)) problems.push("clearing the filter");
              }
              return problems;
            }
            function next(index) {
              if (index === pages.length) {
                document.getElementById("result").textContent = lines.join("\\n") + "\\nDONE";
                return;
              }
              const frame = document.createElement("iframe");
              frame.onload = () => {
                let problems;
                try { problems = check(frame.contentDocument); } catch (error) { problems = ["error " + error]; }
                lines.push("PAGE " + pages[index] + " " + (problems.length ? problems.join("; ") : "ok"));
                frame.remove();
                next(index + 1);
              };
              frame.src = pages[index];
              document.body.append(frame);
            }
            next(0);
            </script></body></html>

            """
    }
}
