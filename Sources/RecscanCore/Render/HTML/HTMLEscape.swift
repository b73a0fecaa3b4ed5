/// Escaping of input text for HTML, the only way text from inputs reaches a page.
///
/// Both contexts escape the same five characters (`& < > " '`), so a value is safe in element
/// text and in any quoted attribute value alike. Characters that HTML forbids in a document
/// (control characters other than tab, line feed and carriage return, and noncharacters) become
/// U+FFFD, so hostile input cannot make a page invalid either.
enum HTMLEscape {
    /// Escapes `value` for use as element text.
    static func text(_ value: String) -> String { escape(value) }

    /// Escapes `value` for use inside a quoted attribute value (single or double quotes).
    static func attribute(_ value: String) -> String { escape(value) }

    private static func escape(_ value: String) -> String {
        guard !isPlainASCII(value) else { return value }
        guard value.unicodeScalars.contains(where: needsWork) else { return value }
        var result = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            default: result.append(isForbidden(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(result)
    }

    /// The common case, checked on the UTF-8 bytes: printable ASCII (or tab, line feed, carriage
    /// return) without any of the five escaped characters.
    private static func isPlainASCII(_ value: String) -> Bool {
        for byte in value.utf8 {
            switch byte {
            case 0x09, 0x0A, 0x0D: continue
            case 0x22, 0x26, 0x27, 0x3C, 0x3E: return false
            case 0x20...0x7E: continue
            default: return false
            }
        }
        return true
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": true
        default: isForbidden(scalar)
        }
    }

    /// Control characters other than ASCII whitespace, and Unicode noncharacters.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: return true
        default: return value & 0xFFFE == 0xFFFE
        }
    }
}

/// A piece of HTML markup in which every text part is already escaped.
///
/// The literal parts of a string literal are trusted markup written in this folder; every
/// interpolated `String` goes through ``HTMLEscape``, and only other fragments are inserted
/// as they are. There is deliberately no way to turn a runtime `String` into markup unescaped.
struct HTMLFragment: Sendable, Equatable, ExpressibleByStringInterpolation {
    private(set) var markup: String

    init(stringLiteral value: String) { markup = value }

    init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    /// Escaped text.
    init(text: String) { markup = HTMLEscape.text(text) }

    private init(markup: String) { self.markup = markup }

    static let empty: HTMLFragment = ""

    var isEmpty: Bool { markup.isEmpty }

    static func + (lhs: HTMLFragment, rhs: HTMLFragment) -> HTMLFragment {
        HTMLFragment(markup: lhs.markup + rhs.markup)
    }

    /// The parts one after another, with `separator` between them.
    static func joined(_ parts: [HTMLFragment], separator: HTMLFragment = .empty) -> HTMLFragment {
        HTMLFragment(markup: parts.map(\.markup).joined(separator: separator.markup))
    }

    /// Builds a fragment from trusted literals and escaped interpolations.
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Input text: escaped.
        mutating func appendInterpolation(_ text: String) { markup += HTMLEscape.text(text) }

        /// Markup built elsewhere: inserted as it is.
        mutating func appendInterpolation(_ fragment: HTMLFragment) { markup += fragment.markup }

        /// Several fragments, one after another.
        mutating func appendInterpolation(_ fragments: [HTMLFragment]) {
            for fragment in fragments { markup += fragment.markup }
        }

        mutating func appendInterpolation(_ number: Int) { markup += String(number) }
    }
}
