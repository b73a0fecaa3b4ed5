import Foundation

@testable import RecscanCore

/// Reads the pages a test rendered: every file, every tag with its attributes, every link.
///
/// Not a full HTML parser: it reads markup the way recscan writes it (double-quoted attribute
/// values, one inline script), which is enough to prove that nothing from an input became a
/// tag, an attribute or a link, and that every link leads to a page of the run.
enum HTMLInspection {
    /// One start tag.
    struct Tag: Equatable {
        var name: String
        var attributes: [String: String]
    }

    /// Elements recscan writes; anything else in a page came from an input.
    static let knownElements: Set<String> = [
        "html", "head", "meta", "title", "link", "body", "a", "header", "nav", "main", "footer", "section", "h1",
        "h2", "h3", "p", "span", "strong", "br", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead",
        "tbody", "tr", "th", "td", "code", "figure", "figcaption", "svg", "desc", "g", "rect", "text", "details",
        "summary", "div", "script",
    ]

    /// Attributes recscan writes.
    static let knownAttributes: Set<String> = [
        "lang", "charset", "name", "content", "rel", "href", "class", "id", "aria-label", "aria-current",
        "aria-labelledby", "aria-hidden", "role", "scope", "value", "data-sort", "xmlns", "viewbox", "width",
        "height", "preserveaspectratio", "x", "y", "text-anchor",
    ]

    static func read(_ directory: String, _ file: String) throws -> String {
        try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
    }

    /// The page with the content of its `<script>` elements removed (the tags stay).
    static func withoutScripts(_ page: String) -> String {
        var result = ""
        var rest = Substring(page)
        while let open = rest.range(of: "<script>") {
            result += rest[..<open.upperBound]
            guard let close = rest.range(of: "</script>", range: open.upperBound..<rest.endIndex) else { break }
            rest = rest[close.lowerBound...]
        }
        return result + rest
    }

    private static let tagPattern = try! NSRegularExpression(
        pattern: #"<([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:="[^"<]*")?)*)\s*/?>"#
    )
    private static let attributePattern = try! NSRegularExpression(
        pattern: #"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:="([^"]*)")?"#
    )

    /// Every start tag, and every `<` followed by a letter that is not a well-formed start tag.
    static func tags(_ page: String) -> (tags: [Tag], malformed: [String]) {
        let text = withoutScripts(page) as NSString
        var tags: [Tag] = []
        var covered = IndexSet()
        for match in tagPattern.matches(in: text as String, range: NSRange(location: 0, length: text.length)) {
            covered.insert(integersIn: match.range.location..<(match.range.location + match.range.length))
            let name = text.substring(with: match.range(at: 1)).lowercased()
            var attributes: [String: String] = [:]
            let list = text.substring(with: match.range(at: 2)) as NSString
            for attribute in attributePattern.matches(
                in: list as String, range: NSRange(location: 0, length: list.length))
            {
                let key = list.substring(with: attribute.range(at: 1)).lowercased()
                let range = attribute.range(at: 2)
                attributes[key] = range.location == NSNotFound ? "" : list.substring(with: range)
            }
            tags.append(Tag(name: name, attributes: attributes))
        }
        var malformed: [String] = []
        let opening = try! NSRegularExpression(pattern: #"<[A-Za-z]"#)
        for match in opening.matches(in: text as String, range: NSRange(location: 0, length: text.length))
        where !covered.contains(match.range.location) {
            malformed.append(text.substring(with: NSRange(location: match.range.location, length: 40).clamped(text)))
        }
        return (tags, malformed)
    }

    /// Problems with the tags and links of one page: unknown elements or attributes, event
    /// handlers, a second script, links that leave the run or lead nowhere.
    static func problems(page: String, file: String, directory: String) -> [String] {
        var problems: [String] = []
        let (tags, malformed) = tags(page)
        problems += malformed.map { "\(file): stray markup \($0)" }
        for tag in tags {
            if !knownElements.contains(tag.name) { problems.append("\(file): element <\(tag.name)>") }
            for key in tag.attributes.keys.sorted() where !knownAttributes.contains(key) {
                problems.append("\(file): attribute \(key) on <\(tag.name)>")
            }
            if let href = tag.attributes["href"], let problem = linkProblem(href, from: file, directory: directory) {
                problems.append("\(file): \(problem)")
            }
        }
        let scripts = tags.filter { $0.name == "script" }.count
        if scripts != 1 { problems.append("\(file): \(scripts) script elements") }
        if !page.contains("<script>\n\(InlineScript.source.markup)\n</script>") {
            problems.append("\(file): the inline script differs")
        }
        return problems
    }

    /// Why `href` on page `file` is not a link to a file of the run, or `nil` when it is.
    static func linkProblem(_ href: String, from file: String, directory: String) -> String? {
        if href.hasPrefix("#") { return nil }
        let path = String(href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if path.contains(":") || path.hasPrefix("/") || path.contains("\\") { return "link leaves the run: \(href)" }
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..":
                guard !parts.isEmpty else { return "link leaves the run: \(href)" }
                parts.removeLast()
            case ".", "": return "odd link: \(href)"
            default: parts.append(String(part))
            }
        }
        let target = parts.joined(separator: "/")
        return FileManager.default.fileExists(atPath: directory + "/" + target) ? nil : "broken link: \(href)"
    }
}

extension NSRange {
    fileprivate func clamped(_ text: NSString) -> NSRange {
        NSRange(location: location, length: min(length, text.length - location))
    }
}
