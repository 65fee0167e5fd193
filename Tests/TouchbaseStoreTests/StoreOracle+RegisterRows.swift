import Foundation
import GRDB
import Testing
import TouchbaseCore
@testable import TouchbaseStore

extension StoreOracle {
    /// Every stored `recordRegisters` row of `entity` is byte for byte its full encoding: decoded and
    /// encoded again, it gives the same bytes. A splice or an in-place write that left a field's bytes
    /// stale, out of order or differently encoded fails it.
    static func expectRegisterRowsAreFullEncodings(_ store: Store, entity: String = "contact",
                                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        try store.read { db in
            let session = try WriteSession(db)
            let rows = try Row.fetchAll(db, sql: "SELECT data FROM recordRegisters WHERE entity = ?", arguments: [entity])
            #expect(!rows.isEmpty, "no \(entity) register rows to check", sourceLocation: sourceLocation)
            for row in rows {
                let bytes = [UInt8](row[0] as Data)
                let registers = try RegisterBlob.decode(bytes) { try session.device(at: $0) }
                let full = try RegisterBlob.encode(registers) { d in try #require(session.indexOf[d]) }
                #expect(bytes == full, sourceLocation: sourceLocation)
            }
        }
    }
}
