/// What a synthetic fleet looks like.
struct WorkloadSpec {
    var rules = 10_000
    var hosts = 1_000
    var packagesPerHost = 1_000
    /// Share of a host's packages installed at a version some rule calls vulnerable.
    var vulnerableShare = 0.02
    var seed: UInt64 = 42
    /// Formats given to hosts in turn; see ``format(ofHost:)``.
    var formats: [InventoryFormat] = [.native]

    /// The format host `index` is written in: the formats in turn, shifted by one every round,
    /// so that Debian and RHEL hosts (every third host) both get every format.
    func format(ofHost index: Int) -> InventoryFormat {
        formats[(index + index / formats.count) % formats.count]
    }
    /// Distinct package names per ecosystem.
    var packageUniverse = 20_000
    var applicationTypes = 120
    var policies = 24

    static let syllables = [
        "ab", "ac", "al", "am", "an", "ar", "at", "ba", "be", "bi", "bo", "ca", "ce", "co", "cu", "da", "de", "di",
        "do", "el", "em", "en", "er", "es", "fa", "fi", "fo", "ga", "ge", "gi", "go", "ha", "he", "hi", "ho", "id",
        "il", "im", "in", "io", "ka", "ke", "ki", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo", "mu", "na",
        "ne", "ni", "no", "nu", "ob", "ol", "om", "on", "or", "os", "pa", "pe", "pi", "po", "ra", "re", "ri", "ro",
        "ru", "sa", "se", "si", "so", "su", "ta", "te", "ti", "to", "tu", "ul", "um", "un", "ur", "va", "ve", "vi",
        "xa", "xe", "yo", "za", "ze", "zo",
    ]

    /// A pronounceable, unique package name for index `index` of an ecosystem.
    static func packageName(_ index: Int, rpm: Bool) -> String {
        var value = index
        var name = ""
        repeat {
            name += syllables[value % syllables.count]
            value /= syllables.count
        } while value > 0
        let prefix = ["lib", "python3-", "", "", "perl-", "golang-"][index % 6]
        let suffix = rpm ? (index % 5 == 0 ? "-libs" : "") : (index % 5 == 0 ? "-common" : "")
        return prefix + name + String(index % 97) + suffix
    }

    static func hostname(_ index: Int) -> String {
        let roles = ["web", "db", "app", "mail", "file", "dns", "cache", "batch"]
        return "\(roles[index % roles.count])-\(String(index + 100_000).dropFirst())"
    }
}
