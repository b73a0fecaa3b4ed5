internal import CLibXML2

/// What recscan accepts in an XML input it did not write, and how it words a refusal. Every XML
/// reader asks this one value, so the rules cannot drift apart between them:
///
/// - no DTD: a DOCTYPE (internal or external subset) or any other markup declaration is
///   refused, and so is an entity declaration or reference that would get past that;
/// - no file access: no network (`XML_PARSE_NONET`), no DTD loading, and an XInclude element is
///   refused rather than ignored;
/// - bounded: file size, element depth, attributes per element, attribute value length (all
///   from ``InputLimits``) and the length of one text (libxml2's own bound).
///
/// Each reader finds what it must refuse its own way: ``XMLInputGuard`` on the raw bytes before
/// libxml2 sees them, ``SAXSession`` in the push parser's callbacks, and
/// ``XMLSchemaValidator`` on the text reader's nodes. The guard runs first for every input, so
/// the later checks are a second line that only libxml2 disagreeing with the guard would reach.
struct XMLInputPolicy: Sendable, Equatable {
    /// The bounds set for the scan (`--max-file-size`, `--max-depth` and the others).
    let limits: InputLimits

    /// Why an input is refused; ``message(_:)`` words it to follow the file's name.
    enum Refusal: Sendable, Equatable {
        /// A DOCTYPE, whatever its subsets.
        case doctype
        /// A markup declaration (`<!ELEMENT`, `<!ENTITY`, ...) outside a DOCTYPE.
        case markupDeclaration
        /// An entity declaration seen by the parser.
        case entityDeclaration
        /// A reference to an entity other than the five predefined ones.
        case entityReference
        /// An element in an XInclude namespace.
        case xinclude
        /// An element nested deeper than ``InputLimits/maxDepth``.
        case tooDeep
        /// An element with more than ``InputLimits/maxAttributes`` attributes.
        case tooManyAttributes
        /// An attribute value longer than ``InputLimits/maxAttributeBytes``.
        case attributeTooLong
        /// A text longer than ``XMLInputPolicy/maxTextBytes``.
        case textTooLong
        /// A file of `bytes` bytes, known before reading, over ``InputLimits/maxFileBytes``.
        case fileTooLarge(bytes: Int)
        /// More than ``InputLimits/maxFileBytes`` bytes read (a file that grew while read).
        case readPastLimit
    }

    /// The refusal phrased to follow the file's name, e.g. "has a DOCTYPE; ...".
    func message(_ refusal: Refusal) -> String {
        switch refusal {
        case .doctype: "has a DOCTYPE; DTDs are not accepted in untrusted input"
        case .markupDeclaration: "has a markup declaration (<!...); DTDs are not accepted"
        case .entityDeclaration: "declares an entity"
        case .entityReference: "uses an entity reference; entities are not expanded"
        case .xinclude: "uses XInclude; includes are not processed"
        case .tooDeep: "nests elements deeper than \(limits.maxDepth) levels"
        case .tooManyAttributes: "has an element with more than \(limits.maxAttributes) attributes"
        case .attributeTooLong: "has an attribute value longer than \(limits.maxAttributeBytes) bytes"
        case .textTooLong: "has a text longer than \(Self.maxTextBytes) bytes"
        case .fileTooLarge(let bytes): "is \(bytes) bytes, over the limit of \(limits.maxFileBytes)"
        case .readPastLimit: "is over the limit of \(limits.maxFileBytes) bytes"
        }
    }

    /// The refusal as an error at a position of `file`.
    func error(_ refusal: Refusal, file: String, line: Int? = nil, column: Int? = nil) -> InputError {
        InputError(file: file, line: line, column: column, message: message(refusal))
    }

    /// Whether a file of `bytes` bytes may be read.
    @inline(__always)
    func admitsFile(ofBytes bytes: Int) -> Bool { bytes <= limits.maxFileBytes }

    /// Whether an element may open at `depth` (the root is at 0).
    @inline(__always)
    func admitsElement(atDepth depth: Int) -> Bool { depth < limits.maxDepth }

    /// Whether an element may carry `count` attributes, namespace declarations included.
    @inline(__always)
    func admitsAttributes(_ count: Int) -> Bool { count <= limits.maxAttributes }

    /// Whether an attribute value may be `bytes` bytes long.
    @inline(__always)
    func admitsAttributeValue(ofBytes bytes: Int) -> Bool { bytes <= limits.maxAttributeBytes }

    /// Whether one text may be `bytes` bytes long.
    @inline(__always)
    func admitsText(ofBytes bytes: Int) -> Bool { bytes <= Self.maxTextBytes }

    /// Longest text accepted: libxml2's own tree builder stops at the same length without
    /// `XML_PARSE_HUGE`, so the SAX readers refuse what the text reader would.
    static let maxTextBytes = 10_000_000

    /// Whether an element in namespace `uri` is an XInclude instruction: an attempt to read a
    /// file, refused even though libxml2 never processes it without `XML_PARSE_XINCLUDE`.
    @inline(__always)
    static func isXInclude(namespace uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let uri else { return false }
        return xmlNameEquals(uri, "http://www.w3.org/2001/XInclude")
            || xmlNameEquals(uri, "http://www.w3.org/2003/XInclude")
    }

    /// Options of the SAX push parser. Entities are replaced because no DTD gets through: only
    /// the five predefined entities and character references remain, and values arrive decoded.
    /// CDATA arrives as text.
    static let pushParserOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOENT.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_COMPACT.rawValue)

    /// Options of every text reader: no network, CDATA as text, line numbers past 65535. No
    /// entity replacement: no declaration gets past the guard, so only the predefined entities remain.
    static let textReaderOptions = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_BIG_LINES.rawValue)
}
