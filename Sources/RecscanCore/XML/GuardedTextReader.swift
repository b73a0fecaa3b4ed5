internal import CLibXML2

/// libxml2's text reader over a ``GuardedXMLFile``, for the two places that need a reader
/// rather than SAX events: schema validation and walking a document on demand. Its bytes
/// come through the guard like every other XML input.
final class GuardedTextReader {
    let reader: xmlTextReaderPtr
    /// Kept alive for as long as the reader pulls from it.
    private let file: GuardedXMLFile

    /// Opens `path` through the guard, with the policy's text reader options.
    /// - Throws: `InputError` when the file cannot be opened, is not a regular file or is over the size limit.
    init(path: String, name: String, policy: XMLInputPolicy) throws {
        let file = try GuardedXMLFile(path: path, name: name, policy: policy)
        guard
            let reader = xmlReaderForIO(
                { context, buffer, length in
                    guard let context, let buffer else { return -1 }
                    let file = Unmanaged<GuardedXMLFile>.fromOpaque(context).takeUnretainedValue()
                    return Int32(file.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length))))
                }, { _ in 0 }, Unmanaged.passUnretained(file).toOpaque(), path, nil, XMLInputPolicy.textReaderOptions)
        else {
            throw file.failure ?? InputError(file: name, message: "cannot open the file for reading")
        }
        self.reader = reader
        self.file = file
    }

    deinit { xmlFreeTextReader(reader) }

    /// Why the guard stopped the input, once it has.
    var guardFailure: InputError? { file.failure }
}
