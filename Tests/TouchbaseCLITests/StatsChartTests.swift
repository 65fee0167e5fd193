import Foundation
import Testing
@testable import TouchbaseCLI

/// The funnel's bars: eighths of a cell on a terminal, `#` elsewhere, and rows that fit the width.
@Suite struct StatsChartTests {
    @Test func barsUseEighthsOnATerminalAndHashesElsewhere() {
        let unicode = StatsChart(unicode: true, width: 80)
        #expect(unicode.bar(10, of: 10, cells: 4) == "████")
        #expect(unicode.bar(5, of: 8, cells: 4) == "██▌")
        #expect(unicode.bar(1, of: 1000, cells: 4) == "▏", "a value above zero always shows")
        #expect(unicode.bar(0, of: 10, cells: 4) == "")
        let plain = StatsChart(unicode: false, width: 80)
        #expect(plain.bar(10, of: 10, cells: 4) == "####")
        #expect(plain.bar(5, of: 8, cells: 4) == "###")
        #expect(!plain.bar(5, of: 8, cells: 4).unicodeScalars.contains { !$0.isASCII })
    }

    @Test func rowsFitTheWidthWithWideLabels() {
        for width in [40, 60, 100] {
            let chart = StatsChart(unicode: true, width: width)
            let rows = chart.rows([("touches", 24, "24"), ("東京の集まり", 3, "3 of 9"), ("offers", 0, "0")])
            #expect(rows.count == 3)
            for row in rows { #expect(TerminalText.width(row) <= width, "\(width): \(row)") }
            let bars = rows.map { TerminalText.width($0) }
            #expect(Set(bars).count == 1 || bars.max()! - bars.min()! <= 6, "columns line up: \(rows)")
        }
    }
}
