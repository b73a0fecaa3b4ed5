/// Decoded attribute values, references and byte helpers of ``PlainXMLScanner``.
extension PlainXMLScanner {
    /// The rest of a value that has references, blanks other than spaces, or non-ASCII bytes,
    /// decoded into the document's copies as libxml2 decodes it: a tab or line feed becomes a
    /// space, a reference its character.
    mutating func scanDecodedValue(from start: Int, quote: UInt8) throws(Declined)
        -> (start: Int32, count: Int32, isCopy: Bool)
    {
        let copyStart = document.copies.count
        document.copies.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while true {
            guard index < end else { throw Declined() }
            let byte = base[index]
            switch byte {
            case quote:
                guard policy.admitsAttributeValue(ofBytes: index - start) else { throw Declined() }
                index += 1
                let count = document.copies.count - copyStart
                guard count > 0 else { return (Int32(start), 0, false) }
                return (Int32(copyStart), Int32(count), true)
            case UInt8(ascii: "\n"):
                line += 1
                document.copies.append(0x20)
                index += 1
            case UInt8(ascii: "\t"):
                document.copies.append(0x20)
                index += 1
            case UInt8(ascii: "&"):
                appendCopy(of: try scanReference())
            case 0x80...:
                let width = try characterWidth()
                document.copies.append(contentsOf: UnsafeBufferPointer(start: base + index, count: width))
                index += width
            case 0x20..<0x80 where byte != UInt8(ascii: "<"):
                document.copies.append(byte)
                index += 1
            default:
                throw Declined()
            }
        }
    }

    /// Appends the UTF-8 of a referenced character to the document's copies.
    mutating func appendCopy(of scalar: Unicode.Scalar) {
        for byte in UTF8.encode(scalar) ?? UTF8.encodedReplacementCharacter { document.copies.append(byte) }
    }

    // MARK: Bytes

    /// `&...;` at its `&`: a predefined entity or a character reference, as its character.
    mutating func scanReference() throws(Declined) -> Unicode.Scalar {
        index += 1
        let start = index
        while index < end, base[index] != UInt8(ascii: ";"), index - start <= 10 { index += 1 }
        guard index < end, base[index] == UInt8(ascii: ";") else { throw Declined() }
        let body = UnsafeBufferPointer(start: base + start, count: index - start)
        index += 1
        guard let scalar = PlainXMLBytes.referenced(body) else { throw Declined() }
        return scalar
    }

    /// The width of the UTF-8 character at `index`, a non-ASCII one that XML allows.
    func characterWidth() throws(Declined) -> Int {
        let width = PlainXMLBytes.characterWidth(UnsafeBufferPointer(start: base + index, count: min(4, end - index)))
        guard width > 0 else { throw Declined() }
        return width
    }

    func startsWith(_ bytes: [UInt8]) -> Bool {
        bytes.count <= end - index && matches(index, bytes)
    }

    func matches(_ start: Int, _ bytes: some Collection<UInt8>) -> Bool {
        var position = start
        for byte in bytes {
            guard base[position] == byte else { return false }
            position += 1
        }
        return true
    }
}
