import Foundation
import GRDB
import TouchbaseCore

extension WriteSession {
    /// Applies one Change whose gates are open, logs it and updates the materialized tables, all in
    /// the caller's transaction. Inside a batch (``pendingMaxSeq`` set), the registers, rows and
    /// statuses of the touched records are written once, by ``finishBatch()``.
    ///
    /// - Parameter encoded: the Change's canonical encoding when the caller made it already
    ///   (``EncodedChange``), stored as its log row instead of encoding it again.
    /// - Returns: whether a `mergedInto` field changed (survivors need recomputing); always false
    ///   inside a batch (``finishBatch()`` says it then).
    mutating func applyAndLog(_ change: Change, encoded: [UInt8]? = nil) throws -> Bool {
        try prefetch(change.ops.lazy.map { RecordKey(entity: $0.entity, record: $0.record) })
        let dev = try index(of: change.device)
        // Inside a batch the touched fields go straight into the batch's set (moved out of the
        // session while the merge rules hold it).
        var touched: [RecordKey: Set<String>] = [:]
        if pendingMaxSeq != nil { swap(&touched, &pendingTouched) }
        defer { if pendingMaxSeq != nil { swap(&touched, &pendingTouched) } }
        try Merger.apply(change, to: &self, touched: &touched)
        // The log row alone: the record ↔ Change index catches up when read (Store+HistoryIndex).
        // Bound by a ``RowBinder`` (only binders run this statement): no arguments, no `Data` copy.
        let log = RowBinder(cached: try db.cachedStatement(sql: "INSERT INTO change (dev, seq, hlc, data) VALUES (?, ?, ?, ?)"))
        try log.bind(dev)
        try log.bind(Int64(change.seq))
        try log.bind(Int64(bitPattern: change.hlc.raw))
        try log.bind(blob: encoded ?? ChangeCodec.encode([change]))
        try log.run()
        if pendingMaxSeq != nil {
            pendingMaxSeq![dev] = change.seq
        } else {
            try db.cachedStatement(sql: "UPDATE device SET maxSeq = ? WHERE idx = ?").execute(arguments: [Int64(change.seq), dev])
        }
        version[change.device] = change.seq
        if pendingMaxSeq != nil { return false }
        let merges = try materialize(touched)
        try flushRegisters()
        return merges
    }

    /// Changes the register of one field in the cache, in place: no copy of its values, and the
    /// record and the field each looked up once. A change is followed as ``setRegister(_:for:)``
    /// follows one (the field's conflict row when its conflict state flips, a device index for a
    /// new author, the record marked for writing; no empty register is kept).
    mutating func modifyRegister(_ key: FieldKey, _ body: (inout Register) throws -> Bool) throws -> Bool {
        let record = key.recordKey
        var wasConflict = false
        var isConflict = false
        var authors: [DeviceID] = []
        func change(_ fields: inout [String: Register]) throws -> Bool {
            func follow(_ register: Register) {
                isConflict = register.isConflict
                for v in register.values where indexOf[v.dot.device] == nil { authors.append(v.dot.device) }
            }
            if let i = fields.index(forKey: key.field) {
                wasConflict = fields.values[i].isConflict
                guard try body(&fields.values[i]) else { return false }
                follow(fields.values[i])
                if fields.values[i].isEmpty { fields.remove(at: i) }
            } else {
                var register = Register()
                guard try body(&register) else { return false }
                follow(register)
                if !register.isEmpty { fields[key.field] = register }
            }
            return true
        }
        // The record's entry, found once: its registers change in place and it is marked there.
        var found = cache.records.index(forKey: record)
        if found == nil {
            _ = try registers(of: record)
            found = cache.records.index(forKey: record)
        }
        guard let i = found else { throw StoreError.corrupt("a record left the register cache") }
        guard try change(&cache.records.values[i].fields) else { return false }
        if cache.records.values[i].markChanged(key.field) { cache.dirty.append(record) }
        for device in authors { _ = try index(of: device) }
        if wasConflict != isConflict { try setConflict(isConflict, record: record, field: key.field, kind: .field) }
        if key.field == Merger.deletedField || key.field == Merger.mergedIntoField { cache.statusFieldsWritten.insert(record) }
        return true
    }

    /// Ends a batch: writes the rows, statuses and registers of every record the batch touched
    /// (each once, from its final registers: a record's displayed values and status are a function
    /// of the registers, and the rows read meanwhile hold what the batch started from), and the
    /// sequence numbers ``pendingMaxSeq`` holds to the device table; then stops holding them.
    ///
    /// - Returns: whether a `mergedInto` field changed (survivors need recomputing).
    mutating func finishBatch() throws -> Bool {
        let touched = pendingTouched
        pendingTouched = [:]
        let merges = try materialize(touched)
        try flushRegisters()
        guard let pending = pendingMaxSeq else { return merges }
        defer { pendingMaxSeq = nil }
        for (dev, seq) in pending.sorted(by: { $0.key < $1.key }) {
            try db.cachedStatement(sql: "UPDATE device SET maxSeq = ? WHERE idx = ?").execute(arguments: [Int64(seq), dev])
        }
        return merges
    }

    /// Writes displayed values and deleted status of the touched records (one upsert per record),
    /// and refreshes the status of the records they show under. Field conflicts follow their
    /// registers in ``setRegister(_:for:)``.
    private mutating func materialize(_ touched: [RecordKey: Set<String>]) throws -> Bool {
        var mergesChanged = false
        var statusCandidates = Set<RecordKey>()
        statusCandidates.reserveCapacity(touched.count)
        var positions: [Int] = []
        let order = touched.keys.sorted()
        for start in stride(from: 0, to: order.count, by: preparedPart) {
            let part = order[start..<min(start + preparedPart, order.count)]
            try prepare(part)
            for record in part {
                guard let fields = touched[record], let entity = EntityTable.named(record.entity) else { continue }
                let rec = record.record
                // The records a link field pointed at before this Change, and points at after it.
                for link in entity.links {
                    let before = try DatabaseValue.fetchOne(db.cachedStatement(sql: "SELECT \(StoreMigrations.quoted(link.field)) FROM \(entity.table) WHERE id = ?"),
                                                            arguments: [rec])
                    if let id = before.flatMap(ColumnCoding.recordID) { statusCandidates.insert(RecordKey(entity: link.target, record: id)) }
                    if fields.contains(link.field),
                       let id = try register(FieldKey(entity: record.entity, record: record.record, field: link.field)).value.ref {
                        statusCandidates.insert(RecordKey(entity: link.target, record: id))
                    }
                }
                positions.removeAll(keepingCapacity: true)
                for field in fields {
                    if let i = entity.columnIndex[field] { positions.append(i) }
                }
                positions.sort()
                // The record's registers and whether it was loaded without any, in one lookup.
                let entry = cache.records[record]
                let registers = try entry?.fields ?? self.registers(of: record)
                let unstored = entry?.unstored ?? cache.records[record]?.unstored ?? false
                if positions.contains(where: { entity.columns[$0].name == Merger.mergedIntoField }) { mergesChanged = true }
                // One statement when the row is where the record's registers say (new: insert; stored
                // before: update), two otherwise; either order writes the same row. Values are bound
                // straight from the registers (``RowBinder``); only binders run these statements.
                let statements = try columnStatements(entity, positions)
                func insert() throws -> Int {
                    let row = RowBinder(cached: statements.insert)
                    try row.bind(rec.raw)
                    for i in positions { try row.bind(column: registers[entity.columns[i].name]?.value ?? .null, as: entity.columns[i].type) }
                    try row.run()
                    return row.changes
                }
                func update(_ statement: Statement) throws -> Int {
                    let row = RowBinder(cached: statement)
                    for i in positions { try row.bind(column: registers[entity.columns[i].name]?.value ?? .null, as: entity.columns[i].type) }
                    try row.bind(rec.raw)
                    try row.run()
                    return row.changes
                }
                if let statement = statements.update, !unstored {
                    if try update(statement) == 0 { _ = try insert() }
                } else if try insert() == 0, let statement = statements.update {
                    _ = try update(statement)
                }
                statusCandidates.insert(record)
            }
        }
        try refreshStatus(of: statusCandidates)
        return mergesChanged
    }

    /// The statements that write these columns of one entity's row (``EntityTable/insertSQL(_:)``
    /// and ``EntityTable/updateSQL(_:)``), looked up without building SQL once this transaction
    /// has used them, their SQL text built once per process (``UpsertSQL``).
    private func columnStatements(_ entity: EntityTable, _ positions: [Int]) throws -> (insert: Statement, update: Statement?) {
        func prepared(_ sql: (insert: String, update: String?)) throws -> (insert: Statement, update: Statement?) {
            (insert: try db.cachedStatement(sql: sql.insert), update: try sql.update.map { try db.cachedStatement(sql: $0) })
        }
        // Column sets of up to 64 columns are told apart by a bit mask; wider ones are not cached.
        guard entity.columns.count <= 64 else { return try prepared(UpsertSQL.make(entity, positions)) }
        let shape = RegisterCache.UpsertShape(entity: entity.schema.name, columns: positions.reduce(0) { $0 | (1 << UInt64($1)) })
        if let s = cache.upserts[shape] { return s }
        let s = try prepared(UpsertSQL.shared.texts(entity, positions, shape: shape))
        cache.upserts[shape] = s
        return s
    }

    /// Recomputes the deleted status, delete-vs-edit and merge-vs-edit conflicts of `records` and of
    /// the records they show under (Protocol/SPEC.md §13).
    ///
    /// A record whose `deleted` register does not show `true` and whose `mergedInto` register shows
    /// no reference has the plain status (not deleted, no conflict), whatever shows under it; when
    /// neither register was written in this transaction, the stored status was computed from the
    /// same registers and is that plain status already, so nothing is read or written for it.
    mutating func refreshStatus(of records: Set<RecordKey>) throws {
        var all = Set<RecordKey>()
        let order = records.sorted()
        for start in stride(from: 0, to: order.count, by: preparedPart) {
            let part = order[start..<min(start + preparedPart, order.count)]
            // Records not read yet are read only as far as their status fields (most are plain).
            let plainStored = try plainStatusesStored(part)
            try prepare(plainStored.isEmpty ? part : part.filter { !plainStored.contains($0) }[...])
            for record in part {
                guard let entity = EntityTable.named(record.entity) else { continue }
                if try plainStored.contains(record) || storedStatusIsPlain(record) {
                    statusTouched.insert(record)
                    continue
                }
                all.insert(record)
                guard entity.merges else { continue }
                let survivor = try DatabaseValue.fetchOne(db.cachedStatement(sql: "SELECT survivor FROM \(entity.table) WHERE id = ?"),
                                                          arguments: [record.record])
                if let id = survivor.flatMap(ColumnCoding.recordID) {
                    let key = RecordKey(entity: record.entity, record: id)
                    if try !storedStatusIsPlain(key) { all.insert(key) } else { statusTouched.insert(key) }
                }
            }
        }
        for record in all.sorted() {
            guard let entity = EntityTable.named(record.entity) else { continue }
            let table = entity.table
            let rec = record.record
            // A record without a row has no registers: nothing to show or hide.
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM \(table) WHERE id = ?"), arguments: [rec]) != nil else { continue }
            let status = try Merger.status(of: record, in: &self)
            try db.cachedStatement(sql: "UPDATE \(table) SET deleted = ? WHERE id = ? AND deleted != ?").execute(arguments: [status.deleted, rec, status.deleted])
            try setConflict(status.hasDeleteConflict, record: record, field: Merger.deletedField, kind: .deleteVsEdit)
            try setConflict(status.hasMergeConflict, record: record, field: Merger.mergedIntoField, kind: .mergeVsEdit)
            statusTouched.insert(record)
        }
    }

    /// Whether the stored status of `record` is known to be the plain one, and to stay so (see
    /// ``refreshStatus(of:)``).
    private func storedStatusIsPlain(_ record: RecordKey) throws -> Bool {
        guard !cache.statusFieldsWritten.contains(record) else { return false }
        return Self.showsPlainStatus(try registers(of: record))
    }

    /// Opens (`open`) or closes one conflict row, its values bound by a ``RowBinder`` (only
    /// binders run these two statements).
    /// The binders are kept in the session's ``RegisterCache`` (a batch opens and closes thousands).
    func setConflict(_ open: Bool, record: RecordKey, field: String, kind: Conflict.Kind) throws {
        let row: RowBinder
        if let kept = open ? cache.openConflict : cache.closeConflict {
            row = kept
        } else {
            row = RowBinder(cached: try db.cachedStatement(sql: open
                ? "INSERT OR IGNORE INTO conflict (record, entity, field, kind) VALUES (?, ?, ?, ?)"
                : "DELETE FROM conflict WHERE record = ? AND entity = ? AND field = ? AND kind = ?"))
            if open { cache.openConflict = row } else { cache.closeConflict = row }
        }
        try row.bind(record.record.raw)
        try row.bind(record.entity)
        try row.bind(field)
        try row.bind(kind.rawValue)
        try row.run()
    }

    /// Recomputes where every merged record leads (merges are rare: this reads only merged rows),
    /// then the status of every record whose survivor changed, of its old and new survivors, and of
    /// every record whose status was computed earlier in this transaction (when survivors were not
    /// final yet).
    mutating func recomputeSurvivors() throws {
        var changed = statusTouched
        for schema in Schema.all where schema.type(of: Merger.mergedIntoField) != nil {
            let table = StoreMigrations.quoted(schema.name)
            var into: [RecordID: RecordID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, mergedInto FROM \(table) WHERE mergedInto IS NOT NULL") {
                if let id = ColumnCoding.recordID(row["id"]), let target = ColumnCoding.recordID(row["mergedInto"]) { into[id] = target }
            }
            var before: [RecordID: RecordID] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, survivor FROM \(table) WHERE survivor IS NOT NULL") {
                if let id = ColumnCoding.recordID(row["id"]), let s = ColumnCoding.recordID(row["survivor"]) { before[id] = s }
            }
            var after: [RecordID: RecordID] = [:]
            for id in into.keys {
                let survivor = MergeGraph.resolve(id) { into[$0] }.survivor
                if survivor != id { after[id] = survivor }
            }
            for id in Set(before.keys).union(after.keys) where before[id] != after[id] {
                try db.execute(sql: "UPDATE \(table) SET survivor = ? WHERE id = ?", arguments: [after[id], id])
                for r in [id, before[id], after[id]].compactMap({ $0 }) { changed.insert(RecordKey(entity: schema.name, record: r)) }
            }
        }
        try refreshStatus(of: changed)
    }
}
