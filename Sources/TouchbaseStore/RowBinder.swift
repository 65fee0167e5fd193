import Foundation
import GRDB
import GRDBSQLite
import TouchbaseCore

/// A prepared statement that the bulk writes (a snapshot load, the end of an applied batch) run
/// once per row: its values are bound straight through the SQLite C API, so no
/// `StatementArguments` is built per row, and it still runs through GRDB (its error handling and
/// transaction observation).
///
/// Every parameter is bound before each run (``bind(_:)`` … in parameter order, then ``run()``).
/// Text and blobs are copied by SQLite while binding, so nothing bound needs to outlive the call.
/// Only binders run its statement: one prepared here, or a cached one whose SQL only binders use
/// (``init(cached:)`` arms it again).
final class RowBinder {
    private let statement: Statement
    private let raw: OpaquePointer
    /// The next parameter to bind (1-based).
    private var next: CInt = 1

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        raw = statement.sqliteStatement
        // No arguments checked by GRDB from now on: each run binds every parameter itself.
        statement.setUncheckedArguments(StatementArguments())
    }

    /// A binder running a statement of GRDB's cache (prepared once per connection); its SQL must
    /// be run by binders only.
    init(cached statement: Statement) {
        self.statement = statement
        raw = statement.sqliteStatement
        statement.setUncheckedArguments(StatementArguments())
    }

    private func advance(_ code: CInt) throws {
        guard code == SQLITE_OK else {
            next = 1
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "could not bind a value", sql: statement.sql)
        }
        next += 1
    }

    /// Starts a row: the statement's previous run is reset so its parameters can be bound again.
    private func startIfNeeded() {
        if next == 1 { sqlite3_reset(raw) }
    }

    /// Binds the next parameter to SQL NULL.
    func bindNull() throws {
        startIfNeeded()
        try advance(sqlite3_bind_null(raw, next))
    }

    /// Binds the next parameter to an integer.
    func bind(_ value: Int64) throws {
        startIfNeeded()
        try advance(sqlite3_bind_int64(raw, next, value))
    }

    /// Binds the next parameter to a UTF-8 text.
    func bind(_ value: String) throws {
        startIfNeeded()
        var text = value
        let code = text.withUTF8 { p -> CInt in
            guard let base = p.baseAddress else { return sqlite3_bind_text(raw, next, "", 0, Self.transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: p.count) {
                sqlite3_bind_text(raw, next, $0, CInt(p.count), Self.transient)
            }
        }
        try advance(code)
    }

    /// Binds the next parameter to a blob of `bytes`.
    func bind(bytes: UnsafeRawBufferPointer) throws {
        startIfNeeded()
        // A zero-length blob, not NULL: SQLite reads a nil pointer as NULL.
        let code = bytes.isEmpty ? sqlite3_bind_zeroblob(raw, next, 0)
                                 : sqlite3_bind_blob(raw, next, bytes.baseAddress, CInt(bytes.count), Self.transient)
        try advance(code)
    }

    /// Binds the next parameter to a blob.
    func bind(blob: [UInt8]) throws {
        try blob.withUnsafeBytes { try bind(bytes: $0) }
    }

    /// Binds the next parameter to an id's 16 big-endian bytes, as ``ID128/databaseBlob`` stores it.
    func bind(_ id: ID128) throws {
        try withUnsafeBytes(of: (id.high.bigEndian, id.low.bigEndian)) { try bind(bytes: $0) }
    }

    /// Binds the next parameter to a database value.
    func bind(_ value: DatabaseValue) throws {
        switch value.storage {
        case .null: try bindNull()
        case .int64(let i): try bind(i)
        case .double(let d):
            startIfNeeded()
            try advance(sqlite3_bind_double(raw, next, d))
        case .string(let s): try bind(s)
        case .blob(let data): try data.withUnsafeBytes { try bind(bytes: $0) }
        }
    }

    /// Binds the next parameter to a field's displayed value in its typed column, exactly as
    /// ``ColumnCoding/column(_:as:)`` gives it.
    func bind(column value: Value, as type: FieldType) throws {
        guard type.accepts(value) else { return try bindNull() }
        switch value {
        case .null, .unknown: try bindNull()
        case .bool(let b): try bind(Int64(b ? 1 : 0))
        case .int(let i): try bind(i)
        case .text(let s): try bind(s)
        case .ref(let id): try bind(id.raw)
        case .date, .texts, .refs: try bind(ColumnCoding.column(value, as: type))
        }
    }

    /// Runs the statement with the parameters bound since the last run.
    func run() throws {
        precondition(Int(next) - 1 == Int(sqlite3_bind_parameter_count(raw)), "a row binds every parameter")
        next = 1
        try statement.execute()
    }

    /// The rows the last run changed.
    var changes: Int { Int(sqlite3_changes(sqlite3_db_handle(raw))) }

    /// SQLite copies what is bound with this destructor.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
