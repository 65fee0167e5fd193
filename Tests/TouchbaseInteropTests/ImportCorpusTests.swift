import Foundation
import Testing
import TouchbaseInterop
import TouchbaseTestSupport

/// Replays every input that ever crashed, hung or blew the memory bound of a fuzz target
/// (`Protocol/vectors/crashers/`, see Tools/fuzz.sh) and every bad exchange vector through each
/// importer. Each must end in a parse result or an ``InteropError`` (a trap ends the test process),
/// within a time and memory budget.
@Suite struct ImportCorpusTests {
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protocol/vectors")

    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        for dir in ["crashers", "bad"] {
            let url = vectors.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" {
                out.append(("\(dir)/\(name)", Array(try Data(contentsOf: url.appendingPathComponent(name)))))
            }
        }
        return out
    }

    @Test func everyInputEndsCleanlyInEveryImporter() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 20)
        let budget = DecoderBudget()
        for (name, bytes) in corpus {
            let cost = DecoderBudget.measure {
                _ = try? ContactImport.parse(bytes: bytes)
                _ = try? CSVImport.parse(bytes: bytes)
                _ = try? VCardReader.parse(bytes: bytes)
                if let text = String(validating: bytes, as: UTF8.self) {
                    for format in ImportFormat.allCases where format != .vCard {
                        _ = try? CSVImport.parse(text: text, as: format)
                    }
                }
            }
            #expect(budget.allows(cost), "\(name): \(cost), budget \(budget)")
        }
    }
}
