import Foundation

/// A catalog read once and stored in a compact binary form, so that many processes given the
/// same catalog (the shards of one partition) load it instead of parsing its XML each: for a
/// 10,000-rule catalog, parsing costs about as much as a shard's other fixed work together.
///
/// The file (`.recscan-catalog` in each shard folder `recscan partition` writes) holds exactly
/// what `CatalogReader` made of one catalog file: its rules, application types, version and
/// warnings, and not what a run adds later (advisories, a Deep Security export's metadata).
/// It is keyed by a fingerprint of the catalog file's bytes and of the input limits it was read
/// under: a scan given another catalog, or other limits, reads the XML as always. The file is
/// untrusted input like any other: it is checked whole (a checksum over its payload) and field by
/// field, and anything wrong makes the scan read the XML instead, with a note.
///
/// Layout, little-endian: the 8-byte magic `RSCATLG1`; the key (8 bytes); the payload's length
/// and checksum (8 bytes each); then the payload (see `CatalogEncoder`).
public enum CompiledCatalog {
    /// The file's name in a shard folder; hidden, so that discovery never reads it as an input.
    public static let fileName = ".recscan-catalog"
    static let magic = Array("RSCATLG1".utf8)
    static let headerSize = 32

    /// The compiled form of `catalog`, read from a file whose bytes had fingerprint `source`;
    /// `nil` when the catalog holds what the form does not store (an advisory's alternatives).
    public static func bytes(of catalog: Catalog, source: CatalogFingerprint) -> [UInt8]? {
        guard let payload = CatalogEncoder.payload(of: catalog) else { return nil }
        var out = ByteWriter()
        out.raw(magic)
        out.u64(source.value)
        out.u64(UInt64(payload.count))
        out.u64(checksum(payload[...]))
        out.raw(payload)
        return out.bytes
    }

    /// The catalog stored in `bytes`, with its warnings named by `file` (the catalog file as the
    /// run names it).
    /// - Throws: `CompiledCatalogMismatch` when `bytes` were compiled from another catalog or
    ///   under other limits; `CompiledCatalogError` when they are not a whole, valid compiled
    ///   catalog.
    public static func catalog(from bytes: [UInt8], source: CatalogFingerprint, file: String) throws -> Catalog {
        guard bytes.count >= headerSize, bytes.starts(with: magic) else {
            throw CompiledCatalogError(reason: "does not start like a compiled catalog")
        }
        let (key, length, sum) = try ByteReader.read(bytes[magic.count..<headerSize]) {
            (try $0.u64(), try $0.u64(), try $0.u64())
        }
        guard length == UInt64(bytes.count - headerSize) else {
            throw CompiledCatalogError(reason: "is cut short or has bytes past its end")
        }
        // Checked whole before its key: a damaged file is said to be damaged, not another catalog's.
        let payload = bytes[headerSize...]
        guard checksum(payload) == sum else { throw CompiledCatalogError(reason: "fails its checksum") }
        guard key == source.value else { throw CompiledCatalogMismatch() }
        return try CatalogDecoder.catalog(from: payload, file: file)
    }

    /// A checksum of the payload: it finds a damaged or half-written file before any field is read.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash = FNV1a()
        bytes.withUnsafeBufferPointer { hash.add(bytes: $0) }
        hash.add(word: UInt64(bytes.count))
        return hash.value
    }
}

/// What a compiled catalog is keyed by: the catalog file's bytes, the input limits it was read
/// under, and the format of the compiled form itself.
public struct CatalogFingerprint: Sendable, Equatable {
    /// The fingerprint, a 64-bit hash.
    public let value: UInt64

    /// The fingerprint of catalog bytes read under `limits`.
    public init(bytes: [UInt8], limits: InputLimits) {
        var hash = Self.start(limits)
        bytes.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: all.count, by: Self.blockSize) {
                hash.add(bytes: UnsafeBufferPointer(rebasing: all[start..<min(start + Self.blockSize, all.count)]))
            }
        }
        hash.add(word: UInt64(bytes.count))
        value = hash.value
    }

    /// The bytes hashed at a time; a file is hashed in blocks of this size as bytes in memory are.
    private static let blockSize = 1 << 16

    /// The fingerprint of the catalog file at `path` read under `limits`, read in blocks so that
    /// the file is never held whole; `nil` when it cannot be read.
    public init?(path: String, limits: InputLimits) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hash = Self.start(limits)
        // Blocks are filled whole before hashing: the hash steps eight bytes at a time, so short
        // reads must not move where a step starts.
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        var total: UInt64 = 0
        while true {
            var filled = 0
            while filled < block.count {
                let count = block.withUnsafeMutableBytes { buffer in
                    buffer.baseAddress.map { read(descriptor, $0 + filled, buffer.count - filled) } ?? 0
                }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { return nil }
                if count == 0 { break }
                filled += count
            }
            if filled > 0 { block[..<filled].withUnsafeBufferPointer { hash.add(bytes: $0) } }
            total += UInt64(filled)
            if filled < block.count { break }
        }
        hash.add(word: total)
        value = hash.value
    }

    /// The hash of the limits and of the form's layout (`CatalogEncoder.layout`).
    private static func start(_ limits: InputLimits) -> FNV1a {
        var hash = FNV1a()
        for limit in [limits.maxFileBytes, limits.maxDepth, limits.maxAttributeBytes, limits.maxAttributes] {
            hash.add(word: UInt64(truncatingIfNeeded: limit))
        }
        Array(CatalogEncoder.layout.utf8).withUnsafeBufferPointer { hash.add(bytes: $0) }
        return hash
    }
}

/// A compiled catalog made from another catalog (or under other limits) than the run's.
public struct CompiledCatalogMismatch: Error, Sendable {}

/// A compiled catalog that cannot be used: damaged, cut short, or not one at all.
public struct CompiledCatalogError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, phrased to follow the file name, e.g. "fails its checksum".
    public var reason: String
    /// The reason.
    public var description: String { reason }
}
