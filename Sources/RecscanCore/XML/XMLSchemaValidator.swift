internal import CLibXML2

/// Validates XML files against one XSD held in memory.
///
/// Each validation builds its own contexts and error collector, so validators can be used
/// from several tasks at once as long as each call has its own instance.
public final class XMLSchemaValidator {
    private let schema: xmlSchemaPtr

    /// Compiles the schema text.
    /// - Throws: `InputError` when the XSD itself is invalid (a bug in recscan's bundled schemas).
    public init(xsd: [UInt8], name: String) throws {
        let collector = XMLErrorCollector()
        let parsed: xmlSchemaPtr? = xsd.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let parser = xmlSchemaNewMemParserCtxt(base, Int32(buffer.count)) else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(
                parser,
                { context, error in
                    guard let context, let error else { return }
                    Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error)
                }, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaParse(parser)
        }
        guard let parsed else {
            throw collector.firstError(file: name) ?? InputError(file: name, message: "is not a valid XML schema")
        }
        schema = parsed
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates the file at `path` while streaming it; returns every problem found, in order.
    public func validate(path: String, displayName: String? = nil, limits: InputLimits = .standard) -> [InputError] {
        let name = displayName ?? path
        let collector = XMLErrorCollector()
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            return [InputError(file: name, message: "cannot start schema validation")]
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let opaque = Unmanaged.passUnretained(collector).toOpaque()
        let handler: xmlStructuredErrorFunc = { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error)
        }
        xmlSchemaSetValidStructuredErrors(context, handler, opaque)
        let policy = XMLInputPolicy(limits: limits)
        let guarded: GuardedTextReader
        do {
            guarded = try GuardedTextReader(path: path, name: name, policy: policy)
        } catch let error as InputError {
            return [error]
        } catch {
            return [InputError(file: name, message: "cannot open the file for reading")]
        }
        let reader = guarded.reader
        xmlTextReaderSetStructuredErrorHandler(reader, handler, opaque)
        guard xmlTextReaderSchemaValidateCtxt(reader, context, 0) == 0 else {
            return [InputError(file: name, message: "cannot attach the schema to the reader")]
        }
        while xmlTextReaderRead(reader) == 1 {
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                collector.append(
                    line: Int(xmlTextReaderGetParserLineNumber(reader)), column: 0, message: policy.message(.doctype))
                break
            }
            // Every node's depth, text included: a text in the deepest element admitted is refused here.
            if !policy.admitsElement(atDepth: Int(xmlTextReaderDepth(reader))) {
                collector.append(
                    line: Int(xmlTextReaderGetParserLineNumber(reader)), column: 0, message: policy.message(.tooDeep))
                break
            }
        }
        withExtendedLifetime(collector) {}
        if let stop = guarded.guardFailure { return [stop] }
        return collector.errors.map {
            InputError(file: name, line: $0.line, column: $0.column > 0 ? $0.column : nil, message: $0.message)
        }
    }
}
