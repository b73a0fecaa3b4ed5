import Foundation
import Testing

@testable import RecscanCore

/// Writes `text` to a temporary file called `name`, reads it as a scan would and removes it.
func importInline(_ name: String, _ text: String) throws -> (kind: InputKind, hosts: [HostInventory]) {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write(name, text)
    let kind = InputDiscovery.classify(path: path)
    return (
        kind, try InventoryFormats.read(DiscoveredInput(path: path, displayName: name, kind: kind), limits: .standard)
    )
}

/// The error an inline file gives.
func importError(_ name: String, _ text: String) throws -> InventoryFileError? {
    do {
        _ = try importInline(name, text)
        return nil
    } catch let error as InventoryFileError {
        return error
    }
}

@Suite("dpkg status and rpm -qa importers")
struct PackageListImporterTests {
    static let status = """
        Package: openssl
        Status: install ok installed
        Priority: optional
        Architecture: amd64
        Version: 1.0.1e-2+deb7u4
        Description: Secure Sockets Layer toolkit
         This package contains the openssl binary.
         .
         A continuation line with: a colon.

        Package: bind9
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1:9.8.4.dfsg.P1-6+nmu2+deb7u1

        Package: apache2
        Status: deinstall ok installed
        Architecture: amd64
        Version: 2.2.22-13+deb7u1

        Package: oldpkg
        Status: purge ok not-installed
        Architecture: amd64

        Package: libgnutls26
        Status: install ok installed
        Architecture: amd64
        Source: gnutls26 (2.12.20-8+deb7u2)
        Version: 2.12.20-8+deb7u2+b1

        """

    @Test func dpkgKeepsOnlyWhatIsOnDisk() throws {
        let (kind, hosts) = try importInline("db01.status", Self.status)
        #expect(kind == .dpkgStatus)
        let host = try #require(hosts.first)
        #expect(host.hostname == "db01")
        #expect(host.packages.map(\.name) == ["openssl", "apache2", "libgnutls26"])
        #expect(host.packages[2].sourcePackage == "gnutls26" && host.packages[2].sourceVersion == "2.12.20-8+deb7u2")
        #expect(host.packages.allSatisfy { $0.ecosystem == .deb && $0.source == "db01.status" })
        // No base-files: Linux, distribution unknown.
        #expect(host.os?.family == "linux" && host.os?.name == "" && host.os?.inferredFrom == "dpkg status")
    }

    @Test func dpkgReportsTheFirstProblemWithItsLine() throws {
        let error = try #require(
            try importError("h.status", "Package: a\nStatus: install ok installed\nnonsense here\n"))
        #expect(error.error.line == 3)
        #expect(error.hostnames == ["h"])
        let noStatus = try #require(try importError("h.status", "Package: a\nVersion: 1.0\n\nPackage: b\nVersion: 2\n"))
        #expect(noStatus.error.line == 1 && noStatus.error.message.contains("no Status field"))
        let badState = try #require(try importError("h.status", "Package: a\nStatus: install ok sideways\n"))
        #expect(badState.error.line == 2)
    }

    @Test(
        arguments: [
            ("python3.11-libs-3.11.2-2.el9_2.x86_64", "python3.11-libs", "3.11.2-2.el9_2", "x86_64", true),
            ("gpg-pubkey-756b30f4-6b0c3ee0", "gpg-pubkey", "756b30f4-6b0c3ee0", nil, true),
            ("kernel-core-5.14.0-284.11.1.el9_2.x86_64", "kernel-core", "5.14.0-284.11.1.el9_2", "x86_64", true),
            ("libstdc++-11.3.1-4.3.el9.i686", "libstdc++", "11.3.1-4.3.el9", "i686", true),
            ("tzdata-2023c-1.el9.noarch", "tzdata", "2023c-1.el9", "noarch", true),
            ("bind-32:9.16.23-11.el9.x86_64", "bind", "32:9.16.23-11.el9", "x86_64", false),
            ("foo-1.0-1.el9", "foo", "1.0-1.el9", nil, true),
            ("bind 32:9.16.23-11.el9 x86_64", "bind", "32:9.16.23-11.el9", "x86_64", false),
            ("glibc 0:2.34-60.el9 i686", "glibc", "2.34-60.el9", "i686", false),
            ("gpg-pubkey (none):756b30f4-6b0c3ee0 (none)", "gpg-pubkey", "756b30f4-6b0c3ee0", nil, false),
            ("python3.11 0:3.11.2-2.el9_2\tx86_64", "python3.11", "3.11.2-2.el9_2", "x86_64", false),
        ] as [(String, String, String, String?, Bool)])
    func rpmLines(line: String, name: String, version: String, arch: String?, epochUnknown: Bool) throws {
        let entry = try #require(RPMListImporter.parse(line: line))
        #expect(entry == RPMListImporter.Entry(name: name, version: version, arch: arch, epochUnknown: epochUnknown))
    }

    @Test(arguments: [
        "openssl", "openssl-1.0", "Package: openssl", "bind 9.16.23-11.el9 x86_64", "a b c d",
        "foo--1.x86_64", "x:y-1-2", "bind x:1.0-1 x86_64",
    ])
    func rpmLinesThatAreNot(line: String) {
        #expect(RPMListImporter.parse(line: line) == nil)
    }

    @Test func rpmListReportsTheBadLine() throws {
        let (kind, hosts) = try importInline("rh.txt", "openssl-1.0.1e-15.el6.x86_64\n\nbash-4.1.2-15.el6_4.x86_64\r\n")
        #expect(kind == .rpmList && hosts.first?.packages.count == 2)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("rh.txt", "openssl-1.0.1e-15.el6.x86_64\nwarning: rpmdb damaged\n")
        do {
            _ = try RPMListImporter.read(path: path, displayName: "rh.txt", limits: .standard)
            Issue.record("expected an error")
        } catch let error as InventoryFileError {
            #expect(error.error.line == 2 && error.error.message.contains("not an rpm package"))
        }
    }

    @Test(arguments: [
        ("redhat-release", "9.2-0.13.el9", "rhel", "9.2"),
        ("rocky-release", "9.3-1.2.el9", "rocky", "9.3"),
        ("centos-release", "7-9.2009.1.el7.centos", "centos", "7"),
        ("fedora-release-common", "39-1", "fedora", "39"),
        ("bash", "4.1.2-15.el6_4", "", ""),
    ])
    func rpmReleasePackagesNameTheOS(package: String, version: String, id: String, osVersion: String) {
        let os = ReleasePackages.rpm([(package, version)])
        #expect(os.family == "linux" && os.name == id && os.version == osVersion)
    }

    @Test(arguments: [
        ("12.4+deb12u11", "debian", "12"), ("11.1+deb11u10", "debian", "11"), ("7.1wheezy11", "debian", "7"),
        ("12ubuntu4.6", "ubuntu", ""), ("1:2024.1.0", "", ""),
    ])
    func debianBaseFilesNamesTheOS(version: String, id: String, osVersion: String) {
        let os = ReleasePackages.debian(baseFiles: version)
        #expect(os.name == id && os.version == osVersion && os.inferredFrom == "base-files \(version)")
    }
}
