internal import CLibXML2

/// Streams XML through libxml2's SAX2 push parser. Unlike the text reader it builds no node
/// per element: each element start is shown in place (see ``SAXElement``), so a reader pays
/// only for the attribute values it keeps. Every streaming reader of recscan's inputs goes
/// through it.
///
/// Untrusted input: bytes reach the parser only through the guard (``GuardedXMLFile`` or a
/// check of the whole document in memory), and the session applies ``XMLInputPolicy`` again to
/// what the parser reports (a DOCTYPE or entity declaration stops the parse even if it got past
/// the guard; depth bounded; XInclude refused).
enum XMLSAXReader {
    /// Reads the file at `path`, showing every element start and end to `visit` and, when
    /// `text` is true, the character data between them (whitespace-only runs left out).
    /// - Throws: `InputError` with the position of malformed or hostile XML, or what `visit` throws.
    ///
    /// A file ``PlainXMLScanner`` accepts is read by it instead, with the same result;
    /// `plain: false` leaves every file to libxml2 (the scanner's tests compare the two).
    static func read(
        path: String, displayName: String, limits: InputLimits, text: Bool = false, plain: Bool = true,
        visit: (SAXElement) throws -> Void
    ) throws {
        let policy = XMLInputPolicy(limits: limits)
        // Whole, within the size the scanner takes; a larger or unreadable file is streamed.
        var plainLimits = limits
        plainLimits.maxFileBytes = min(PlainXMLScanner.largestFile, limits.maxFileBytes)
        if plain, let file = try? InputFile.bytes(path: path, displayName: displayName, limits: plainLimits) {
            let done = try file.withUnsafeBufferPointer { file in
                try PlainXMLScanner.scan(file, policy: policy, text: text) { try $0.replay(file: file, visit: visit) }
            }
            if done { return }
        }
        // The parse lives only for this call, so the callback never outlives it.
        try withoutActuallyEscaping(visit) { visit in
            let parse = try XMLSAXStream(path: path, displayName: displayName, limits: limits, text: text, visit: visit)
            while try parse.step() {}
        }
    }

    /// Reads a document held in memory (bundled resources, report fragments): the size limit
    /// and the guard are checked over the whole document first.
    static func read(
        bytes: [UInt8], displayName: String, limits: InputLimits, text: Bool, visit: (SAXElement) throws -> Void
    ) throws {
        let policy = XMLInputPolicy(limits: limits)
        guard policy.admitsFile(ofBytes: bytes.count) else {
            throw policy.error(.fileTooLarge(bytes: bytes.count), file: displayName)
        }
        try checkMarkup(bytes, name: displayName, policy: policy)
        try read(checkedBytes: bytes, displayName: displayName, policy: policy, text: text, visit: visit)
    }

    /// Runs ``XMLInputGuard`` over a document held in memory.
    private static func checkMarkup(_ bytes: [UInt8], name: String, policy: XMLInputPolicy) throws {
        var utf16: XMLInputGuard.UTF16Order?
        do {
            var markup = try XMLInputGuard(policy: policy, head: bytes.prefix(1024))
            utf16 = markup.utf16
            try bytes.withUnsafeBytes { try markup.feed($0) }
        } catch let stop as XMLInputGuard.Stop {
            var position = TextPosition(utf16: utf16)
            position.advance(over: bytes.prefix(stop.offset))
            throw InputError(file: name, line: position.line, column: position.column, message: stop.message)
        }
    }

    /// Reads a document held in memory whose markup has been checked.
    private static func read(
        checkedBytes bytes: [UInt8], displayName: String, policy: XMLInputPolicy, text: Bool,
        visit: (SAXElement) throws -> Void
    ) throws {
        var served = 0
        func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
            let count = min(buffer.count, bytes.count - served)
            if count > 0, let base = buffer.baseAddress {
                bytes.withUnsafeBytes { source in
                    if let start = source.baseAddress { base.copyMemory(from: start + served, byteCount: count) }
                }
            }
            served += count
            return count
        }
        try parse(name: displayName, policy: policy, text: text, visit: visit, sourceFailure: { nil }, fill: fill)
    }

    /// Feeds the parser chunk by chunk from `fill` (bytes written, 0 at the end, -1 on failure).
    private static func parse(
        name: String, policy: XMLInputPolicy, text: Bool, visit: (SAXElement) throws -> Void,
        sourceFailure: () -> InputError?, fill: (UnsafeMutableRawBufferPointer) -> Int
    ) throws {
        // The parse lives only for this call, so the callbacks never outlive it.
        try withoutActuallyEscaping(visit) { visit in
            try withoutActuallyEscaping(sourceFailure) { sourceFailure in
                try withoutActuallyEscaping(fill) { fill in
                    let parse = try XMLSAXStream(
                        name: name, policy: policy, text: text, visit: visit, sourceFailure: sourceFailure, fill: fill)
                    while try parse.step() {}
                }
            }
        }
    }

    /// Bytes read from a file at a time, and handed to libxml2 at a time. libxml2 copies what it
    /// is given into its own buffer, which grows to hold a whole chunk: small chunks keep that
    /// buffer and ours in the cache (xmllint's reader reads 4,000 bytes at a time), and reading
    /// 16 KiB spares three system calls in four. With 64 KiB for both, a 100-host scan missed
    /// the simulated 512 KiB L2 6% more often (2.78 M against 2.60 M misses).
    static let readBytes = 1 << 14
    static let parserBytes = 1 << 12
}
