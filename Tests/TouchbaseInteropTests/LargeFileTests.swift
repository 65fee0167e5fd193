import Testing
@testable import TouchbaseInterop

@Suite("Large files")
struct LargeFileTests {
    @Test func threeThousandLinkedInRowsAndVCards() throws {
        var text = "Notes:\n\"preamble\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        for i in 0..<3_000 {
            text += "First\(i),Last,https://www.linkedin.com/in/person-\(i)/,p\(i)@example.com,\"Acme, Inc\",Engineer,12 Mar 2024\n"
        }
        let result = try CSVImport.parse(text: text)
        #expect(result.cards.count == 3_000)
        #expect(result.cards.last?.sourceLine == 3_004)
        let vcf = VCardWriter.write(result.cards)
        #expect(try VCardReader.parse(text: vcf).cards.count == 3_000)
    }
}
