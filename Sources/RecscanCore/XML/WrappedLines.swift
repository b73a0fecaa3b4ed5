/// The lines inside a wrapper element, gathered from the chunks a fragment writer gives them
/// in: the wrapper's start tag (the first line) and its end tag are left out. Each byte is
/// copied once, out of libxml2's buffer or from the fragment memo, into `bytes`, where a writer
/// may also append well-formed elements of its own (`XMLStreamWriter.rawElements`).
struct WrappedLines: ~Copyable {
    var bytes: RenderBuffer
    private var startDropped = false

    init(_ bytes: consuming RenderBuffer) { self.bytes = bytes }

    /// Adds the next chunk; the first one starts with the wrapper's start tag.
    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        bytes.append(UnsafeBufferPointer(rebasing: chunk[droppingStart(chunk)...]))
    }

    /// Adds the last chunk, up to the wrapper's end tag `closing`.
    /// - Returns: false when the chunk does not end with it (nothing is added).
    mutating func appendLast(_ chunk: UnsafeBufferPointer<UInt8>, closing: String) -> Bool {
        let start = droppingStart(chunk)
        var end = chunk.count
        let closing = closing.utf8
        while end >= start + closing.count, !chunk[(end - closing.count)..<end].elementsEqual(closing) { end -= 1 }
        end -= closing.count
        guard end >= start else { return false }
        bytes.append(UnsafeBufferPointer(rebasing: chunk[start..<end]))
        return true
    }

    /// Where the chunk's own lines start: after the first line break in the first chunk.
    private mutating func droppingStart(_ chunk: UnsafeBufferPointer<UInt8>) -> Int {
        guard !startDropped else { return 0 }
        startDropped = true
        return (chunk.firstIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
    }

    /// Ends the lines: see `RenderBuffer.finish(initialized:)`.
    consuming func finish(initialized: inout Int) -> [UInt8]? { bytes.finish(initialized: &initialized) }
}
