/// Deterministic pseudo-random version pairs for the cross-checks against the reference tools.
///
/// A version is built from small vocabularies so that pairs often share prefixes, and half of
/// the pairs are a version and a one-step mutation of it: that is where orderings get subtle.
struct VersionGrammar {
    var epochs: [String]
    var heads: [String]
    var separators: [String]
    var atoms: [String]
    var releaseChance: Double
    var releaseAtoms: [String]
    var releaseSeparators: [String]
    /// Separators allowed in the version only when there is an epoch (dpkg's `:`).
    var epochOnlySeparators: [String] = []
    /// Separators allowed in the version only when there is a release (dpkg's `-`).
    var releaseOnlySeparators: [String] = []

    /// One version as parts, so it can be mutated part by part.
    struct Parts {
        var epoch: String
        var version: [String]
        var release: [String]?
    }

    func render(_ parts: Parts, fallbackSeparator: String = ".") -> String {
        let allowed: (String) -> Bool = { separator in
            (!epochOnlySeparators.contains(separator) || !parts.epoch.isEmpty)
                && (!releaseOnlySeparators.contains(separator) || parts.release != nil)
        }
        let version = parts.version.map { allowed($0) ? $0 : fallbackSeparator }.joined()
        let epoch = parts.epoch.isEmpty ? "" : parts.epoch + ":"
        return epoch + version + (parts.release.map { "-" + $0.joined() } ?? "")
    }

    func make(_ rng: inout SeededGenerator) -> Parts {
        var version = [rng.pick(heads)]
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            version += [rng.pick(separators), rng.pick(atoms)]
        }
        var release: [String]?
        if rng.chance(releaseChance) {
            var pieces = [rng.pick(releaseAtoms)]
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                pieces += [rng.pick(releaseSeparators), rng.pick(releaseAtoms)]
            }
            release = pieces
        }
        return Parts(epoch: rng.pick(epochs), version: version, release: release)
    }

    func mutate(_ parts: Parts, _ rng: inout SeededGenerator) -> Parts {
        var parts = parts
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: parts.epoch = rng.pick(epochs)
        case 1:
            let index = 2 * Int.random(in: 0...(parts.version.count / 2), using: &rng)
            parts.version[index] = index == 0 ? rng.pick(heads) : rng.pick(atoms)
        case 2 where parts.version.count > 1:
            let index = 1 + 2 * Int.random(in: 0..<(parts.version.count / 2), using: &rng)
            parts.version[index] = rng.pick(separators)
        case 3: parts.version += [rng.pick(separators), rng.pick(atoms)]
        case 4 where parts.version.count > 1: parts.version.removeLast(2)
        case 5: parts.release = parts.release == nil ? [rng.pick(releaseAtoms)] : nil
        default:
            if var release = parts.release {
                release[release.count - 1] = rng.pick(releaseAtoms)
                parts.release = release
            } else {
                parts.version += [rng.pick(separators), rng.pick(atoms)]
            }
        }
        return parts
    }

    /// `count` pairs from `seed`: half independent, half a version and its mutation.
    func pairs(count: Int, seed: UInt64) -> [(String, String)] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            let first = make(&rng)
            let second = index.isMultiple(of: 2) ? mutate(first, &rng) : make(&rng)
            return (render(first), render(second))
        }
    }

    static let debian = VersionGrammar(
        epochs: ["", "", "", "", "0", "1", "2", "10"],
        heads: ["1", "0", "01", "1.0", "2", "9", "10", "2.4.62", "1.0.1", "123456789012345678901234567890"],
        separators: [".", ".", ".", "+", "~", "", ":", "-"],
        atoms: [
            "0", "1", "00", "01", "2", "10", "a", "b", "z", "A", "rc", "rc1", "g", "dfsg", "deb12u1", "~", "+",
            "9999999999999999999999",
        ],
        releaseChance: 0.6,
        releaseAtoms: ["1", "0", "2", "10", "1~deb12u2", "deb12u1", "ubuntu1", "1build1", "a", "~bpo1", "+b1"],
        releaseSeparators: [".", "+", "~", ""],
        epochOnlySeparators: [":"],
        releaseOnlySeparators: ["-"]
    )

    static let rpm = VersionGrammar(
        epochs: ["", "", "", "", "0", "1", "2", "00"],
        heads: ["1", "0", "01", "1.0", "2", "1.0.1e", "10", "a", "~1", "^1", "_1", "123456789012345678901234567890"],
        separators: [".", ".", ".", "_", "+", "~", "^", "", "%"],
        atoms: [
            "0", "1", "00", "01", "2", "10", "a", "b", "z", "A", "rc", "rc1", "git1", "e", "el6_4", "el6_5", "~", "^",
            "9999999999999999999999",
        ],
        releaseChance: 0.6,
        releaseAtoms: ["1", "0", "2", "16.el6_5.7", "16.el6_5", "el9", "fc39", "1.el8_4", "a", "~rc1", "^git"],
        releaseSeparators: [".", "_", "~", "^", ""]
    )

    static let maven = VersionGrammar(
        epochs: [""],
        heads: ["1", "1.0", "1.0.0", "2", "0", "1.1", "01", "10", "1.0-1"],
        separators: [".", ".", "-", "-", ""],
        atoms: [
            "0", "1", "2", "10", "alpha", "a", "a1", "b", "beta", "m", "milestone", "rc", "cr", "snapshot",
            "SNAPSHOT", "ga", "final", "release", "sp", "foo", "xyz", "Final", "RC2", "M1", "b2",
        ],
        releaseChance: 0,
        releaseAtoms: ["1"],
        releaseSeparators: ["."]
    )
}

extension VersionGrammar {
    /// PEP 440 strings in many spellings, some of them invalid on purpose.
    static func pep440Versions(count: Int, seed: UInt64) -> [String] {
        let parts: [[String]] = [
            ["", "", "", "v", "V", " "],
            ["", "", "", "", "1!", "0!", "2!"],
            ["1", "1.0", "1.0.0", "1.2", "01.2", "1.10", "2", "0.9", "1.0.1", "1.0.0.0", "0"],
            [
                "", "", "", "a1", "a", "alpha2", "b1", "Beta", "c1", "rc1", "RC1", "pre2", "preview1", "-rc1", ".rc.1",
                "_a_2", "a01",
            ],
            ["", "", "", "", ".post1", "post2", "-1", "-post", "r1", "rev2", ".post", "_post_3", ".POST1"],
            ["", "", "", "", ".dev", "dev1", "-dev2", ".dev0", "_dev_1"],
            ["", "", "", "", "", "+abc", "+1.2", "+ubuntu-1", "+01", "+a.1", "+1", "+local.7.b"],
            ["", "", "", "", "", "", " ", "+", "..1", "aa", "-", ".x"],
        ]
        var rng = SeededGenerator(seed: seed)
        var versions: [String] = []
        var current = parts.map { rng.pick($0) }
        for index in 0..<count {
            if index.isMultiple(of: 2) {
                current = parts.map { rng.pick($0) }
            } else {
                let part = Int.random(in: 0..<parts.count, using: &rng)
                current[part] = rng.pick(parts[part])
            }
            versions.append(current.joined())
        }
        return versions
    }
}
