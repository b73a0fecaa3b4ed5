internal import CLibXML2
import Foundation

/// Streams an XML file through libxml2's reader, safely for untrusted input: what
/// ``XMLInputPolicy`` refuses (DTDs, entities, XInclude, network, too large or too deep input)
/// stops the read.
public enum XMLStreamReader {
    /// Reads the file at `path` and hands each event to `handle`, in document order.
    /// - Throws: `InputError` with line and column for malformed or hostile XML, or
    ///   whatever `handle` throws.
    public static func read(
        path: String, displayName: String? = nil, limits: InputLimits = .standard,
        handle: (XMLEvent) throws -> Void
    ) throws {
        var namespaces = SAXNamespaceCache()
        try XMLSAXReader.read(
            path: path, displayName: displayName ?? path, limits: limits, text: true
        ) { element in
            try handle(event(element, namespaces: &namespaces))
        }
    }

    /// Reads an in-memory document (used for bundled resources and tests).
    public static func read(
        bytes: [UInt8], displayName: String, limits: InputLimits = .standard,
        handle: (XMLEvent) throws -> Void
    ) throws {
        var namespaces = SAXNamespaceCache()
        try XMLSAXReader.read(bytes: bytes, displayName: displayName, limits: limits, text: true) { element in
            try handle(event(element, namespaces: &namespaces))
        }
    }

    private static func event(_ element: SAXElement, namespaces: inout SAXNamespaceCache) -> XMLEvent {
        switch element.kind {
        case .start:
            .start(
                XMLElementStart(
                    localName: element.localName, namespace: namespaces.string(for: element),
                    attributePairs: element.attributePairs, line: element.line, column: 0, isEmpty: element.isEmpty,
                    depth: element.depth))
        case .end: .end(localName: element.localName, depth: element.depth)
        case .text: .text(element.text)
        }
    }

}

/// Collects libxml2 errors for one parse; owned by that parse alone, never global.
final class XMLErrorCollector {
    private(set) var errors: [(line: Int, column: Int, message: String)] = []

    func firstError(file: String, prefix: String = "") -> InputError? {
        guard let first = errors.first else { return nil }
        return InputError(
            file: file, line: first.line, column: first.column > 0 ? first.column : nil, message: prefix + first.message
        )
    }

    func record(_ error: UnsafePointer<xmlError>) {
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let raw = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
        let message = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        errors.append((Int(error.pointee.line), Int(error.pointee.int2), message))
    }

    func append(line: Int, column: Int, message: String) {
        errors.append((line, column, message))
    }
}
