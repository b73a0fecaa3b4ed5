import Testing

@testable import RecscanCore

@Suite("Inline SVG bar charts")
struct BarChartTests {
    private let chart = BarChart(
        id: "chart-test",
        title: "Decisions <by> host",
        series: [BarChart.Series(name: "decision", kind: "manual"), BarChart.Series(name: "automatic", kind: "auto")],
        bars: [
            BarChart.Bar(label: "web01", values: [3, 1]),
            BarChart.Bar(label: "<script>alert(1)</script> a very long hostname indeed", values: [0, 2]),
        ]
    )

    @Test func drawsStackedBarsScaledToTheLargestTotal() {
        let svg = chart.render().markup
        #expect(svg.contains("role=\"img\" aria-labelledby=\"chart-test-title chart-test-desc\""))
        #expect(svg.contains("<title id=\"chart-test-title\">Decisions &lt;by&gt; host</title>"))
        // web01: 3 of 4 on the full 340-unit bar, then 1; the second bar's total is 2, half of it.
        #expect(svg.contains("class=\"series-manual\" x=\"236.0\" y=\"31\" width=\"255.0\" height=\"16\""))
        #expect(svg.contains("class=\"series-auto\" x=\"491.0\" y=\"31\" width=\"85.0\""))
        #expect(svg.contains("class=\"series-auto\" x=\"236.0\" y=\"57\" width=\"170.0\""))
        #expect(svg.contains("<text class=\"value\" x=\"582.0\" y=\"44\">4</text>"))
    }

    @Test func labelsAreEscapedAndShortenedWithTheFullTextInTheTooltip() {
        let svg = chart.render().markup
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("<g><title>&lt;script&gt;alert(1)&lt;/script&gt; a very long hostname indeed</title>"))
        #expect(svg.contains(">&lt;script&gt;alert(1)&lt;/script&gt; a …</text>"))
    }

    @Test func theDescriptionListsEveryNumber() {
        #expect(
            chart.description
                == "web01: 4 (3 decision, 1 automatic); <script>alert(1)</script> a very long hostname indeed: 2 (2 automatic)"
        )
    }

    @Test func nothingToDrawSaysSo() {
        let empty = BarChart(
            id: "chart-empty", title: "Nothing", series: [], bars: [BarChart.Bar(label: "a", values: [0])],
            emptyText: "No data.")
        #expect(
            empty.render().markup
                == "<figure class=\"chart\" id=\"chart-empty\"><figcaption>Nothing</figcaption><p class=\"none\">No data.</p></figure>\n"
        )
    }

    @Test func sameDataSameBytes() {
        #expect(chart.render() == chart.render())
    }
}
