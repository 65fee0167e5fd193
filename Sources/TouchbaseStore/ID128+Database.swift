import Foundation
import GRDB
import TouchbaseCore

/// Ids are stored as 16-byte BLOBs (big-endian), so GRDB binds and reads them directly:
///
/// ```swift
/// let row = try Row.fetchOne(db, sql: "SELECT * FROM contact WHERE id = ?", arguments: [id])
/// let ids = try RecordID.fetchAll(db, sql: "SELECT id FROM contact")
/// ```
///
/// A value that is not a 16-byte BLOB reads as `nil` (a failed conversion for the non-optional
/// fetches).
extension ID128 {
    /// The 16 big-endian bytes, as a BLOB.
    var databaseBlob: DatabaseValue {
        withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Data($0) }.databaseValue
    }

    /// A 16-byte BLOB's id, read without going through `[UInt8]`.
    init?(databaseBlob value: DatabaseValue) {
        guard case .blob(let data) = value.storage, data.count == 16 else { return nil }
        self = data.withUnsafeBytes { p in
            ID128(high: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                  low: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }
}

extension RecordID: DatabaseValueConvertible {
    /// The id as a 16-byte BLOB.
    public var databaseValue: DatabaseValue { raw.databaseBlob }

    /// The id in a 16-byte BLOB, `nil` for anything else.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> RecordID? {
        ID128(databaseBlob: dbValue).map(RecordID.init)
    }
}

extension DeviceID: DatabaseValueConvertible {
    /// The id as a 16-byte BLOB.
    public var databaseValue: DatabaseValue { raw.databaseBlob }

    /// The id in a 16-byte BLOB, `nil` for anything else.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> DeviceID? {
        ID128(databaseBlob: dbValue).map(DeviceID.init)
    }
}
