/// A Maven artifact version, ordered as Maven's `ComparableVersion` orders them.
///
/// Follows `org.apache.maven.artifact.versioning.ComparableVersion` of Maven 3.8 (checked
/// against maven-artifact 3.8.7; 3.9 added "combination" items, not reproduced here):
/// - the lower-cased string splits at `.` and `-`, and at each change between digits and
///   other characters; an empty part is 0; a `-`, a digit/letter change and a qualifier that
///   is not first in its list open a sub-list, which sorts below a number and above a
///   qualifier (`1-1 < 1.1`, `1-sp < 1-1`, `1.0.0.rc1 = 1-rc-1`);
/// - numbers compare numerically at any length; qualifiers order as
///   `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp`, then
///   unknown qualifiers in lexical order; `a`, `b`, `m` directly followed by a digit mean
///   alpha, beta, milestone;
/// - trailing zeros and release qualifiers are dropped (`1.0.0 = 1 = 1-ga`).
///
/// Maven itself accepts any string; here a version is invalid when it is empty, holds a
/// space or control character, or has no digit (meta versions such as `LATEST`).
struct MavenVersion: SchemeVersion {
    /// One item of the parsed version.
    indirect enum Item: Sendable {
        /// A number without leading zeros (empty for zero).
        case number([UInt8])
        /// A qualifier as its comparable key: `"0"`…`"6"` for known ones, `"7-name"` otherwise.
        case qualifier([UInt8])
        /// A sub-list.
        case list([Item])

        /// Whether normalisation drops this item at the end of a list.
        var isNull: Bool {
            switch self {
            case let .number(digits): return digits.isEmpty
            case let .qualifier(key): return key == MavenVersion.releaseKey
            case let .list(items): return items.isEmpty
            }
        }
    }

    /// The top-level list of items.
    let items: [Item]

    /// The comparable key of the release qualifier `""` (and its aliases).
    static let releaseKey: [UInt8] = Array("5".utf8)
    private static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    private static let aliases = ["ga": "", "final": "", "release": "", "cr": "rc"]

    init?(parsing text: String) {
        let bytes = Array(text.utf8).map(VersionBytes.lowercased)
        guard bytes.contains(where: VersionBytes.isDigit),
            !bytes.contains(where: { $0 <= UInt8(ascii: " ") || $0 == 0x7F })
        else { return nil }

        // Each new sub-list is the last item of the list before it, so the tree is a chain.
        var levels: [[Item]] = [[]]
        func append(_ item: Item) { levels[levels.count - 1].append(item) }
        var isDigit = false
        var start = 0
        for (index, byte) in bytes.enumerated() {
            if byte == VersionBytes.dot || byte == VersionBytes.hyphen {
                append(index == start ? .number([]) : Self.item(bytes[start..<index], isDigit: isDigit))
                start = index + 1
                if byte == VersionBytes.hyphen { levels.append([]) }
            } else if VersionBytes.isDigit(byte) {
                if !isDigit && index > start {
                    // `1.0.0.X1 < 1.0.0-X2`: a qualifier after a dot is nested like one after `-`.
                    if !levels[levels.count - 1].isEmpty { levels.append([]) }
                    append(Self.qualifier(bytes[start..<index], followedByDigit: true))
                    start = index
                    levels.append([])
                }
                isDigit = true
            } else {
                if isDigit && index > start {
                    append(Self.item(bytes[start..<index], isDigit: true))
                    start = index
                    levels.append([])
                }
                isDigit = false
            }
        }
        if bytes.count > start {
            if !isDigit && !levels[levels.count - 1].isEmpty { levels.append([]) }
            append(Self.item(bytes[start...], isDigit: isDigit))
        }

        var list = Self.normalized(levels.removeLast())
        while var parent = levels.popLast() {
            parent.append(.list(list))
            list = Self.normalized(parent)
        }
        items = list
    }

    private static func item(_ text: ArraySlice<UInt8>, isDigit: Bool) -> Item {
        isDigit ? .number(Array(VersionBytes.droppingLeadingZeros(text))) : qualifier(text, followedByDigit: false)
    }

    private static func qualifier(_ text: ArraySlice<UInt8>, followedByDigit: Bool) -> Item {
        var name = String(decoding: text, as: UTF8.self)
        if followedByDigit {
            switch name {
            case "a": name = "alpha"
            case "b": name = "beta"
            case "m": name = "milestone"
            default: break
            }
        }
        name = aliases[name] ?? name
        let key = qualifiers.firstIndex(of: name).map { String($0) } ?? "\(qualifiers.count)-\(name)"
        return .qualifier(Array(key.utf8))
    }

    /// `ListItem.normalize()`: drops null items from the end, looking past non-null sub-lists.
    private static func normalized(_ list: [Item]) -> [Item] {
        var list = list
        var index = list.count - 1
        while index >= 0 {
            if list[index].isNull {
                list.remove(at: index)
            } else if case .list = list[index] {
                // keep looking before a non-empty sub-list
            } else {
                break
            }
            index -= 1
        }
        return list
    }

    func compare(to other: MavenVersion) -> Int {
        Self.compare(.list(items), .list(other.items))
    }

    /// `Item.compareTo(Item)`, where `nil` is the missing item of a shorter list (a sub-list
    /// compares with it item by item, MNG-6964).
    private static func compare(_ left: Item, _ right: Item?) -> Int {
        switch (left, right) {
        case let (.number(l), nil): return l.isEmpty ? 0 : 1
        case let (.qualifier(l), nil): return VersionBytes.compareLexically(l, releaseKey)
        case let (.list(l), nil):
            for item in l {
                let order = compare(item, nil)
                if order != 0 { return order }
            }
            return 0
        case let (.number(l), .number(r)?): return VersionBytes.compareNumeric(l, r)
        case (.number, _): return 1
        case let (.qualifier(l), .qualifier(r)?): return VersionBytes.compareLexically(l, r)
        case (.qualifier, _): return -1
        case (.list, .number?): return -1
        case (.list, .qualifier?): return 1
        case let (.list(l), .list(r)?):
            for position in 0..<max(l.count, r.count) {
                let leftItem = position < l.count ? l[position] : nil
                let rightItem = position < r.count ? r[position] : nil
                let order: Int
                if let leftItem {
                    order = compare(leftItem, rightItem)
                } else if let rightItem {
                    order = -compare(rightItem, nil)
                } else {
                    order = 0
                }
                if order != 0 { return order }
            }
            return 0
        }
    }
}
