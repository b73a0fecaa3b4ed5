/// A horizontal bar chart drawn as inline SVG: deterministic, offline, readable without colour.
///
/// Each bar has a text label on the left and its total on the right; a bar with several series
/// is stacked, with a legend above. The `<svg>` is an image for assistive technology, named by
/// its `<title>` and described by a `<desc>` that lists every number, and each segment carries
/// its own `<title>` as a tooltip. Colours come from the stylesheet (`.series-…` classes), so
/// the light and dark schemes and print all apply. Coordinates are integers in tenths, so the
/// same data always gives the same bytes.
struct BarChart: Sendable {
    /// One stacked part of every bar, e.g. "auto" or "manual".
    struct Series: Sendable {
        var name: String
        /// A fixed vocabulary value; the CSS class is `series-<value>`.
        var kind: String
    }

    /// One bar: a label and one value per series.
    struct Bar: Sendable {
        var label: String
        var values: [Int]
        var total: Int { values.reduce(0, +) }
    }

    /// A fixed identifier, unique on its page (it prefixes the title and description ids).
    var id: String
    var title: String
    var series: [Series]
    var bars: [Bar]
    /// Shown instead of the chart when every bar is zero.
    var emptyText: String = "Nothing to show."
    /// A sentence under the chart, e.g. what the numbers count.
    var note: String?

    private static let width = 640
    private static let labelWidth = 236
    private static let barArea = 340
    private static let rowHeight = 26
    private static let barHeight = 16
    private static let legendHeight = 26
    private static let labelLength = 29

    func render() -> HTMLFragment {
        let noteText: HTMLFragment = note.map { "<p class=\"detail\">\($0)</p>" } ?? .empty
        let maximum = bars.map(\.total).max() ?? 0
        guard maximum > 0 else {
            return "<figure class=\"chart\" id=\"\(id)\"><figcaption>\(title)</figcaption>"
                + "<p class=\"none\">\(emptyText)</p>\(noteText)</figure>\n"
        }
        let legendOffset = series.count > 1 ? Self.legendHeight : 0
        let height = legendOffset + bars.count * Self.rowHeight + 4
        let rows = bars.enumerated().map { index, bar in row(bar, top: legendOffset + index * Self.rowHeight, maximum) }
        return """
            <figure class="chart" id="\(id)"><figcaption>\(title)</figcaption>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.width) \(height)" width="\(Self.width)" \
            height="\(height)" role="img" aria-labelledby="\(id)-title \(id)-desc" preserveAspectRatio="xMinYMin meet">
            <title id="\(id)-title">\(title)</title>
            <desc id="\(id)-desc">\(description)</desc>
            \(legend())\(rows)</svg>\(noteText)</figure>

            """
    }

    /// Every number in words, for screen readers: "web01: 3 manual, 2 auto; db01: …".
    var description: String {
        bars.map { bar in
            let parts = zip(series, bar.values).filter { $0.1 > 0 }.map { "\($0.1) \($0.0.name)" }
            let detail = series.count > 1 && !parts.isEmpty ? " (\(parts.joined(separator: ", ")))" : ""
            return "\(bar.label): \(bar.total)\(detail)"
        }
        .joined(separator: "; ")
    }

    private func legend() -> HTMLFragment {
        guard series.count > 1 else { return .empty }
        var x = 8
        var items: [HTMLFragment] = []
        for entry in series {
            items.append(
                "<rect class=\"series-\(CSSClass.token(entry.kind))\" x=\"\(x)\" y=\"5\" width=\"12\" height=\"12\"/>"
                    + "<text x=\"\(x + 16)\" y=\"15\">\(entry.name)</text>"
            )
            x += 26 + entry.name.count * 8
        }
        return "<g class=\"legend\" aria-hidden=\"true\">\(items)</g>\n"
    }

    private func row(_ bar: Bar, top: Int, _ maximum: Int) -> HTMLFragment {
        let label =
            bar.label.count > Self.labelLength ? String(bar.label.prefix(Self.labelLength - 1)) + "…" : bar.label
        let middle = top + Self.rowHeight / 2 + 5
        var x10 = Self.labelWidth * 10
        var segments: [HTMLFragment] = []
        for (entry, value) in zip(series, bar.values) where value > 0 {
            let width10 = max(value * Self.barArea * 10 / maximum, 10)
            let tip = series.count > 1 ? "\(bar.label): \(value) \(entry.name)" : "\(bar.label): \(value)"
            segments.append(
                "<rect class=\"series-\(CSSClass.token(entry.kind))\" x=\"\(Self.tenths(x10))\" y=\"\(top + 5)\" "
                    + "width=\"\(Self.tenths(width10))\" height=\"\(Self.barHeight)\"><title>\(tip)</title></rect>"
            )
            x10 += width10
        }
        return """
            <g><title>\(bar.label)</title>\
            <text class="label" x="\(Self.labelWidth - 8)" y="\(middle)" text-anchor="end">\(label)</text>\
            \(segments)<text class="value" x="\(Self.tenths(x10 + 60))" y="\(middle)">\(bar.total)</text></g>

            """
    }

    /// `1234` tenths as `123.4`.
    private static func tenths(_ value: Int) -> String { "\(value / 10).\(value % 10)" }
}
