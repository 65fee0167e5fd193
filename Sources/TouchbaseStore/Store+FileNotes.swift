import GRDB

extension Store {
    /// The first `length` characters of a local setting (``metaValue(_:)``); nil when it is not set.
    /// A sync reads the line that heads its notes of a device's files this way, without the notes.
    public func metaValuePrefix(_ key: String, length: Int) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT substr(value, 1, ?) FROM meta WHERE key = ?", arguments: [length, key])
        }
    }
}
