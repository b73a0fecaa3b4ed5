/// ASCII byte helpers shared by the version schemes.
///
/// Every scheme works on the UTF-8 bytes of a version string, the way the C and Java
/// originals work on `char`: only ASCII letters and digits are letters and digits.
enum VersionBytes {
    static let zero = UInt8(ascii: "0")
    static let tilde = UInt8(ascii: "~")
    static let caret = UInt8(ascii: "^")
    static let colon = UInt8(ascii: ":")
    static let hyphen = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let plus = UInt8(ascii: "+")
    static let underscore = UInt8(ascii: "_")

    /// Whether `byte` is an ASCII digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether `byte` is an ASCII letter.
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// Whether `byte` is an ASCII letter or digit.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte)
    }

    /// The ASCII lower-case form of `byte`; other bytes are returned unchanged.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// `bytes` without its leading `0` digits.
    static func droppingLeadingZeros<C: Collection>(_ bytes: C) -> C.SubSequence where C.Element == UInt8 {
        bytes.drop { $0 == zero }
    }

    /// Compares two runs of ASCII digits as unbounded non-negative integers.
    ///
    /// Leading zeros are ignored; the longer remaining run is the larger number, and runs of
    /// equal length compare lexically. No integer type is involved, so no run is too long.
    /// - Returns: -1, 0 or 1.
    static func compareNumeric<A: Collection, B: Collection>(_ lhs: A, _ rhs: B) -> Int
    where A.Element == UInt8, B.Element == UInt8 {
        let left = droppingLeadingZeros(lhs)
        let right = droppingLeadingZeros(rhs)
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        return compareLexically(left, right)
    }

    /// Compares two byte runs as C's `strcmp` does (unsigned bytes, a prefix sorts first).
    /// - Returns: -1, 0 or 1.
    static func compareLexically<A: Sequence, B: Sequence>(_ lhs: A, _ rhs: B) -> Int
    where A.Element == UInt8, B.Element == UInt8 {
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (a?, b?) where a != b: return a < b ? -1 : 1
            default: continue
            }
        }
    }

    /// The sign of `value` as -1, 0 or 1.
    static func sign(_ value: Int) -> Int {
        value < 0 ? -1 : (value > 0 ? 1 : 0)
    }
}
