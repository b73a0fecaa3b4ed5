import Foundation

/// A file named by an option (`--catalog`, `--fleet`, `--events`, `--exclusions`), checked to
/// be a readable file of the expected kind before its reader runs, so that a wrong file is
/// named as the option's: "--catalog README.md: not a recscan catalog (not XML); see 'recscan
/// schema catalog'". What a reader finds wrong inside the file keeps its line and column.
struct OptionFile {
    /// The option, e.g. `--catalog`.
    var option: String
    /// What the option takes, in the operator's words: "recscan catalog".
    var kind: String
    /// The `recscan schema` name of the format, when it has one.
    var schema: String?
    /// Whether the format may be something other than XML (the events' CSV).
    var allowsText = false

    /// Problems found before reading `path`, named by the option; `nil` when it may be read.
    func problem(_ path: String) -> InputError? {
        switch FileStatus(path) {
        case .regular(let size): if size == 0 { return named(path, "is empty; \(expected)") }
        case .folder: return named(path, "is a folder; give the \(kind) file")
        case .special: return named(path, FileStatus.notRegular)
        case .unusable(let cause): return named(path, cause)
        }
        if !allowsText, !Self.startsLikeXML(path) { return named(path, "not a \(kind) (not XML)\(seeSchema)") }
        return nil
    }

    /// A reader's errors about the file, each prefixed with the option that named it.
    func naming(_ errors: [InputError]) -> [InputError] { errors.map(naming) }

    /// A reader's error about the file, prefixed with the option that named it.
    func naming(_ error: InputError) -> InputError {
        var named = error
        named.file = "\(option) \(error.file)"
        return named
    }

    private func named(_ path: String, _ message: String) -> InputError {
        InputError(file: "\(option) \(path)", message: message)
    }

    /// The message for a file that is not of the option's kind at all.
    var notTheKind: String { "not a \(kind)\(seeSchema)" }

    private var expected: String { "expected a \(kind)\(seeSchema)" }
    private var seeSchema: String { schema.map { "; see 'recscan schema \($0)'" } ?? "" }

    /// Whether the first character after white space and a byte-order mark is `<` (UTF-8 or
    /// UTF-16).
    static func startsLikeXML(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 512)) ?? Data())
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) { return true }
        let body = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...]
        return body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }

    static let catalog = OptionFile(option: "--catalog", kind: "recscan catalog", schema: "catalog")
    static let fleet = OptionFile(option: "--fleet", kind: "recscan fleet export", schema: "fleet")
    static let exclusions = OptionFile(option: "--exclusions", kind: "exclusion register", schema: "exclusions")
    static let events = OptionFile(
        option: "--events", kind: "events file (XML or the console's CSV)", schema: "events", allowsText: true)
}
