/// Reads `rpm -qa` output: one host, named after the file, one package per line in either form
///
/// - the default `name-version-release.arch` (NEVRA without the epoch, which rpm does not print;
///   `gpg-pubkey-…` entries have no arch), also with `epoch:` before the version (`%{NEVRA}`);
/// - `--qf '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE} %{ARCH}\n'` (`%{EPOCH}` printing
///   `(none)` is accepted too).
///
/// Versions are `[epoch:]version-release`, with a zero epoch left out as rpm prints it. The
/// default form prints no epoch at all: such packages are marked ``InstalledPackage/epochUnknown``
/// and compare with a range by version and release (prefer the `--qf` form with `%{EPOCHNUM}`).
/// The OS is inferred (see ``ReleasePackages``).
public enum RPMListImporter: InventoryImporter {
    /// "rpm -qa package list".
    public static let formatName = "rpm -qa package list"

    /// One line of the list.
    struct Entry: Equatable {
        var name: String
        /// `[epoch:]version-release`, zero epoch left out.
        var version: String
        var arch: String?
        /// The line printed no epoch at all (the default form), so it may hide a non-zero one.
        var epochUnknown = false
    }

    /// Architectures rpm builds for; a NEVRA's last dotted part is its arch only when listed here.
    static let architectures: Set<String> = [
        "noarch", "x86_64", "x86_64_v2", "x86_64_v3", "x86_64_v4", "amd64", "ia32e", "i386", "i486", "i586",
        "i686", "athlon", "geode", "pentium3", "pentium4", "aarch64", "arm64", "armv5tel", "armv6l", "armv6hl",
        "armv7l", "armv7hl", "armv7hnl", "armv8l", "ppc", "ppc64", "ppc64le", "ppc64p7", "s390", "s390x", "ia64",
        "riscv64", "loongarch64", "mips", "mipsel", "mips64", "mips64el", "sparc", "sparcv9", "sparc64", "alpha",
        "src", "nosrc",
    ]

    /// Reads every package of the list.
    public static func read(path: String, displayName: String, limits: InputLimits) throws -> [HostInventory] {
        let hostname = HostNames.fromFile(path)
        do {
            let bytes = try InputFile.bytes(path: path, displayName: displayName, limits: limits)
            var host = HostInventory(hostname: hostname)
            host.sources = [displayName]
            for (number, text) in InputFile.lines(bytes) where !text.trimmingWhitespace.isEmpty {
                guard let entry = parse(line: text) else {
                    throw InputError(
                        file: displayName, line: number,
                        message: "line \"\(text.prefix(80))\" is not an rpm package: expected name-version-release.arch"
                            + " (rpm -qa) or \"name epoch:version-release arch\" (rpm -qa --qf)")
                }
                var package = InstalledPackage(
                    ecosystem: .rpm, name: entry.name, version: entry.version, arch: entry.arch, source: displayName)
                package.epochUnknown = entry.epochUnknown
                host.packages.append(package)
            }
            host.os = ReleasePackages.rpm(host.packages.map { ($0.name, $0.version) })
            return [host]
        } catch let error as InputError {
            throw InventoryFileError(error: error, hostnames: [hostname])
        }
    }

    /// Parses one line in either form; `nil` when it is neither.
    static func parse(line: String) -> Entry? {
        let fields = line.split(whereSeparator: \.isBlank).map(String.init)
        switch fields.count {
        case 1: return parseNEVRA(fields[0])
        case 2, 3:
            // The --qf form always prints the epoch ("0:" when there is none).
            guard fields[1].utf8.contains(UInt8(ascii: ":")), let (version, release) = splitLast(fields[1], "-"),
                isToken(fields[0]),
                !fields[0].utf8.contains(UInt8(ascii: ":"))
            else { return nil }
            let arch = fields.count == 3 && fields[2] != "(none)" ? fields[2] : nil
            return makeEntry(name: fields[0], version: version, release: release, arch: arch)
        default: return nil
        }
    }

    /// `name-[epoch:]version-release[.arch]`.
    static func parseNEVRA(_ token: String) -> Entry? {
        var rest = token
        var arch: String?
        if let (front, last) = splitLast(rest, "."), architectures.contains(last) {
            arch = last
            rest = front
        }
        guard let (nameAndVersion, release) = splitLast(rest, "-"),
            let (name, version) = splitLast(nameAndVersion, "-"), isToken(name), !name.utf8.contains(UInt8(ascii: ":"))
        else { return nil }
        return makeEntry(name: name, version: version, release: release, arch: arch)
    }

    private static func makeEntry(name: String, version: String, release: String, arch: String?) -> Entry? {
        var epoch: Substring = ""
        var plain = Substring(version)
        if let colon = version.firstIndex(of: ":") {
            epoch = version[..<colon]
            plain = version[version.index(after: colon)...]
            if epoch == "(none)" { epoch = "0" }
            guard !epoch.isEmpty, epoch.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        guard isToken(plain), isToken(release), !plain.utf8.contains(UInt8(ascii: ":")),
            !release.utf8.contains(UInt8(ascii: ":")),
            plain.first?.isLetterOrDigit == true, release.first?.isLetterOrDigit == true
        else { return nil }
        let zeroEpoch = epoch.isEmpty || epoch.allSatisfy { $0 == "0" }
        return Entry(
            name: name, version: (zeroEpoch ? "" : "\(epoch):") + "\(plain)-\(release)", arch: arch,
            epochUnknown: epoch.isEmpty)
    }

    private static func splitLast(_ text: String, _ separator: Character) -> (String, String)? {
        guard let index = text.lastIndex(of: separator) else { return nil }
        let front = String(text[..<index])
        let back = String(text[text.index(after: index)...])
        return front.isEmpty || back.isEmpty ? nil : (front, back)
    }

    private static func isToken<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.allSatisfy { !$0.isBlank && $0 != "\"" && $0 != "<" && $0 != ">" && $0 != "," }
    }
}

extension Character {
    var isLetterOrDigit: Bool { isLetter || isNumber }
}
