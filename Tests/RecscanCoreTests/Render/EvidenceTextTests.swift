import Testing
@testable import RecscanCore

@Suite("Evidence in words") struct EvidenceTextTests {
    private func words(_ evidence: Evidence) -> String {
        EvidenceText.item(
            for: evidence,
            ruleLink: { "<a href=\"x\">\($0)</a>" },
            applicationTypeName: { $0 == "web-server-common" ? "Web Server Common" : nil }
        )
        .markup
    }

    @Test(arguments: [
        (
            Evidence(
                .package,
                [
                    (name: "ecosystem", value: "deb"), (name: "name", value: "openssl"),
                    (name: "version", value: "1.0.1e-2"), (name: "range", value: "[1.0.1, 1.0.1g-1)"),
                ]
            ), "package deb openssl 1.0.1e-2 in [1.0.1, 1.0.1g-1)"
        ),
        (
            Evidence(
                .patched,
                [
                    (name: "ecosystem", value: "rpm"), (name: "name", value: "openssl"),
                    (name: "version", value: "1:1.0.1e-16.el6_5.7"), (name: "fixed", value: "1:1.0.1e-16.el6_5.7"),
                ]
            ), "patched: package rpm openssl 1:1.0.1e-16.el6_5.7 (fixed in 1:1.0.1e-16.el6_5.7)"
        ),
        (
            Evidence(
                .uncertain,
                [
                    (name: "ecosystem", value: "deb"), (name: "name", value: "x"), (name: "version", value: "??"),
                    (name: "range", value: "[1, 2)"),
                ]
            ), "uncertain: package deb x ??, version cannot be compared in [1, 2)"
        ), (Evidence(.dependency, [(name: "rule", value: "1000763")]), "needed by rule <a href=\"x\">1000763</a>"),
        (
            Evidence(.applicationType, [(name: "id", value: "web-server-common")]),
            "application type Web Server Common detected"
        ), (Evidence(.port, [(name: "protocol", value: "tcp"), (name: "port", value: "443")]), "listens on tcp/443"),
        (
            Evidence(.service, [(name: "name", value: "apache2"), (name: "state", value: "<running>")]),
            "service apache2 <span class=\"detail\">(state=&lt;running&gt;)</span>"
        ),
    ]) func readable(_ evidence: Evidence, _ expected: String) { #expect(words(evidence) == expected) }
}
