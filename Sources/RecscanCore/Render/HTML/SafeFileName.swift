/// File names (without extension) for the pages of hosts and rules, safe on every file system.
///
/// A name made only of lowercase ASCII letters, digits, `-`, `_` and single inner dots, that is
/// not a reserved device name and not too long, is used as it is (`web01`, `1000763`). Any other
/// name is lowercased, every other character becomes `_`, it is cut to length, and `~` plus a
/// stable hash of the original bytes (FNV-1a, 64 bit, 12 hex digits) is appended. `~` never
/// occurs in a name used as it is, so names that differ, even only by case, map to different
/// files (barring a hash collision among changed names), and the result never contains `/`,
/// `\`, `..`, NUL or a leading dot.
public enum SafeFileName {
    /// The longest file name returned, in characters (all ASCII).
    public static let maximumLength = 100

    /// The file name for a host's page, without extension.
    /// - Parameter hostname: the hostname as reported.
    /// - Returns: a name that stays inside the folder it is used in.
    public static func forHost(_ hostname: String) -> String { make(hostname) }

    /// The file name for a rule's page, without extension.
    /// - Parameter id: the rule identifier.
    /// - Returns: a name that stays inside the folder it is used in.
    public static func forRule(_ id: String) -> String { make(id) }

    private static let hashLength = 12

    /// Device names Windows reserves whatever the extension.
    private static let reserved: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul", "clock$", "conin$", "conout$"]
        for digit in 0...9 {
            names.insert("com\(digit)")
            names.insert("lpt\(digit)")
        }
        return names
    }()

    private static func make(_ original: String) -> String {
        // Most names (rule ids, plain hostnames) are kept as they are; checking the bytes is
        // much cheaper than the general path, and this runs for every rule of every host.
        if isKeptAsItIs(original) { return original }
        var changed = false
        var characters: [Character] = []
        for scalar in original.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_", ".": characters.append(Character(scalar))
            case "A"..."Z":
                characters.append(Character(Unicode.Scalar(scalar.value + 32) ?? "_"))
                changed = true
            default:
                characters.append("_")
                changed = true
            }
        }
        // Dots: none leading or trailing, never two in a row.
        for index in characters.indices where characters[index] == "." {
            let isEdge = index == characters.startIndex || index == characters.index(before: characters.endIndex)
            let nextIsDot = index + 1 < characters.endIndex && characters[index + 1] == "."
            let previousIsDot = index > characters.startIndex && characters[index - 1] == "."
            if isEdge || nextIsDot || previousIsDot {
                characters[index] = "_"
                changed = true
            }
        }
        var name = String(characters)
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if name.isEmpty || reserved.contains(String(stem)) {
            name = "_" + name
            changed = true
        }
        guard changed || name.count > maximumLength else { return name }
        let kept = String(name.prefix(maximumLength - hashLength - 1))
        return kept + "~" + hash(original)
    }

    /// Lowercase ASCII letters, digits, `-` and `_` only (no dots), not too long, not reserved:
    /// exactly the names the general path returns unchanged without having to look at dots.
    private static func isKeptAsItIs(_ name: String) -> Bool {
        var count = 0
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
                UInt8(ascii: "_"):
                count += 1
            default: return false
            }
        }
        return count > 0 && count <= maximumLength && !reserved.contains(name)
    }

    /// FNV-1a 64 of the UTF-8 bytes, as 12 lowercase hex digits.
    private static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return String(padded.prefix(hashLength))
    }
}
