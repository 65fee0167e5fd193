import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore

/// Protocol/vectors/names.json: relay vectors under the names they may and may not stand under
/// (SPEC.md §8 step 14, §11.2), checked with the reader's own name check.
@Suite struct RelayNameVectorTests {
    @Test func relayVectorsMatchOnlyTheirNames() throws {
        let names = try JSONSerialization.jsonObject(with: Data(try ProtocolVectorTests.read("names.json"))) as! [String: Any]
        let files = names["files"] as! [[String: Any]]
        #expect(files.count >= 5)
        let folder = SharedFolder(path: "/nonexistent")
        for entry in files {
            let path = entry["path"] as! String
            let parsed = try #require(FolderEntry.parse(relativePath: path), "\(path)")
            let opened = try ProtocolVectorTests.open(entry)
            let expected = entry["error"] as? String
            do {
                try folder.check(opened.header, matches: parsed)
                #expect(expected == nil, "\(path): accepted, expected \(expected ?? "")")
            } catch let e as ExchangeError {
                #expect(e.code.rawValue == expected, "\(path): \(e)")
            }
        }
        // Names a reader ignores parse to nothing.
        for name in names["names"] as! [[String: Any]] where name["entry"] is NSNull {
            #expect(FolderEntry.parse(relativePath: name["path"] as! String) == nil)
        }
    }
}
