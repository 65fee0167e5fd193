import Testing
@testable import TouchbaseInterop

@Suite("CSV reader (RFC 4180)")
struct CSVReaderTests {
    @Test func quotedFieldsCommasQuotesAndNewlines() throws {
        let text = "a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"multi\r\nline\nnote\",x,\r\nlast,row,end"
        let records = try CSVReader.records(in: text)
        #expect(records == [
            CSVRecord(fields: ["a", "b, c", "say \"hi\""], line: 1),
            CSVRecord(fields: ["multi\nline\nnote", "x", ""], line: 2),
            CSVRecord(fields: ["last", "row", "end"], line: 5),
        ])
    }

    @Test func byteOrderMarkBlankLinesAndTrailingNewline() throws {
        let text = "\u{FEFF}h1,h2\n\n1,2\n\n"
        let records = try CSVReader.records(in: text)
        #expect(records == [CSVRecord(fields: ["h1", "h2"], line: 1), CSVRecord(fields: ["1", "2"], line: 3)])
    }

    @Test func loneCarriageReturnsEndLines() throws {
        let records = try CSVReader.records(in: "a\rb\r\"c\rd\"")
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(records.last?.fields == ["c\nd"])
    }

    @Test func lenientWithStrayQuotes() throws {
        let records = try CSVReader.records(in: "5'11\" tall,\"quoted\"tail\n")
        #expect(records.first?.fields == ["5'11\" tall", "quotedtail"])
    }

    @Test func unterminatedQuoteNamesTheOpeningLine() {
        #expect(throws: InteropError.unterminatedQuote(line: 2)) {
            try CSVReader.records(in: "a,b\nc,\"open\nstill open\nand on")
        }
    }

    @Test func writerQuotesOnlyWhenNeeded() throws {
        #expect(CSVWriter.escape("plain") == "plain")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"")
        #expect(CSVWriter.escape("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(CSVWriter.escape("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.escape(" padded") == "\" padded\"")
        let fields = ["a,b", "\"q\"", "x\ny", "", "ü"]
        let text = CSVWriter.document(header: ["h"], rows: [fields])
        #expect(try CSVReader.records(in: text).last?.fields == fields)
    }
}
