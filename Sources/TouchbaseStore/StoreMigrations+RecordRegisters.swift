import Foundation
import GRDB
import TouchbaseCore

extension StoreMigrations {
    /// Migration `perf-v2-record-registers`: the registers move from `register` (one row per
    /// value: record, entity, field, device) to `recordRegisters` (one row per record, its
    /// registers as one ``RegisterBlob``), so a batch reads and writes each record once instead of
    /// each value. The values, devices (local indexes), sequence numbers and clock stamps are
    /// kept as they are; `register` is dropped.
    static func packRegisters(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE recordRegisters (
                record BLOB NOT NULL,
                entity TEXT NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (record, entity)) WITHOUT ROWID;
            """)
        let insert = try db.cachedStatement(sql: "INSERT INTO recordRegisters (record, entity, data) VALUES (?, ?, ?)")
        var current: (record: Data, entity: String)?
        var fields: [(name: String, values: [RegisterBlob.Entry])] = []
        func close() throws {
            guard let record = current, !fields.isEmpty else { return }
            try insert.execute(arguments: [record.record, record.entity, Data(RegisterBlob.encode(fields))])
            fields = []
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT record, entity, field, dev, seq, hlc, value FROM register ORDER BY record, entity, field, dev")
        while let row = try rows.next() {
            let record: Data = row[0], entity: String = row[1], field: String = row[2]
            if current?.record != record || current?.entity != entity {
                try close()
                current = (record, entity)
            }
            let entry = RegisterBlob.Entry(dev: row[3], seq: UInt64(bitPattern: row[4]), hlc: UInt64(bitPattern: row[5]), value: [UInt8](row[6] as Data))
            if fields.last?.name == field { fields[fields.count - 1].values.append(entry) } else { fields.append((field, [entry])) }
        }
        try close()
        try db.execute(sql: "DROP TABLE register")
    }
}
