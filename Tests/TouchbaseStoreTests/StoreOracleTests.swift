import Foundation
import GRDB
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// Checks a Store against the Core model: a `Replica` fed the same Changes.
enum StoreOracle {
    /// Every Change a Store has applied, its own included, in log order per device.
    static func allChanges(_ store: Store) throws -> [Change] {
        try store.version().sorted.flatMap { try store.changes(of: $0.device, after: 0) }
    }

    /// A Replica fed every Change of the Store's log (shuffled: the gates put them in order).
    static func replica<G: RandomNumberGenerator>(of changes: [Change], using rng: inout G) -> Replica {
        var r = Replica(device: DeviceID(ID128(high: 0xFF, low: 0xFF)))
        let applied = r.receive(changes.shuffled(using: &rng))
        precondition(applied.count == changes.count, "the log has gaps")
        return r
    }

    /// Every (entity, record) that has a register in the Store.
    static func recordKeys(_ store: Store) throws -> Set<RecordKey> {
        try store.read { db in
            Set(try Row.fetchAll(db, sql: "SELECT entity, record FROM recordRegisters").compactMap { row -> RecordKey? in
                guard let raw = ID128(bytes: [UInt8](row["record"] as Data)) else { return nil }
                return RecordKey(entity: row["entity"], record: RecordID(raw))
            })
        }
    }

    /// The Store's registers and conflicts are what a Replica rebuilt from its change log says, and
    /// its materialized rows show the Replica's displayed values, deletes and survivors.
    static func expectLogAndRegistersAgree(_ store: Store, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        var rng = SeededGenerator(seed: 7)
        let oracle = replica(of: try allChanges(store), using: &rng)
        try expectAgrees(store, with: oracle, context, sourceLocation: sourceLocation)
    }

    /// The Store shows what `oracle` predicts: registers, conflicts, displayed values, deletes, survivors.
    static func expectAgrees(_ store: Store, with oracle: Replica, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let state = oracle.state
        #expect(try recordKeys(store) == Set(state.records.keys), "records with registers differ \(context)", sourceLocation: sourceLocation)
        for (key, expected) in state.records {
            #expect(try store.registers(of: key) == expected.fields, "registers of \(key.entity) \(key.record) differ \(context)",
                    sourceLocation: sourceLocation)
            guard let schema = Schema.entity(key.entity) else { continue }
            let row = try store.record(key.entity, id: key.record)
            #expect(row?.deleted == expected.status.deleted, "deleted of \(key.record) \(context)", sourceLocation: sourceLocation)
            let survivor = expected.survivor == key.record ? nil : expected.survivor
            if schema.type(of: Merger.mergedIntoField) != nil {
                #expect(row?.survivor == survivor, "survivor of \(key.record) \(context)", sourceLocation: sourceLocation)
            }
            for (field, type) in schema.fields where field != Merger.deletedField {
                let shown = expected.fields[field]?.value ?? .null
                let materialized: Value = type.accepts(shown) ? shown : .null
                #expect((row?[field] ?? .null) == materialized, "\(field) of \(key.record) shows \(row?[field] ?? .null), not \(materialized) \(context)",
                        sourceLocation: sourceLocation)
            }
        }
        let conflicts = try store.conflicts()
        let storeOnly = describe(conflicts.filter { !state.conflicts.contains($0) })
        let oracleOnly = describe(state.conflicts.filter { !conflicts.contains($0) })
        #expect(conflicts == state.conflicts, "conflicts differ \(context): store only \(storeOnly), oracle only \(oracleOnly)",
                sourceLocation: sourceLocation)
        #expect(try store.version() == oracle.version, "versions differ \(context)", sourceLocation: sourceLocation)
    }

    /// Conflicts in a few words, for failure messages.
    static func describe(_ conflicts: [Conflict]) -> String {
        conflicts.map { "\($0.kind.rawValue) \($0.record.entity) \($0.record.record.hex.suffix(2)).\($0.field) values \($0.values.map(\.value)) "
            + "edited \($0.editedFields) cycle \($0.cycle.map { $0.hex.suffix(2) })" }.joined(separator: "; ")
    }

    /// What a user could observe of a Store, to compare before and after a refused edit.
    static func snapshot(_ store: Store) throws -> String {
        let keys = try recordKeys(store).sorted()
        var out = try store.version().description
        for key in keys { out += "\n\(key.entity) \(key.record): \(try store.registers(of: key).sorted { $0.key < $1.key })" }
        out += "\nconflicts: \(try store.conflicts())"
        out += try store.read { db in
            "\nlog: \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change") ?? -1), rows: \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact") ?? -1)"
        }
        return out
    }

    // MARK: - Random edits from tiny pools, so that conflicts are frequent

    static let pool = (1...3).map { Fixtures.record(UInt64($0)) }

    /// 1–3 valid puts on contacts (and sometimes a hub) drawn from tiny pools: names, stages, notes,
    /// emails, deletes, restores, merges and touches logged against contacts.
    static func randomOps<G: RandomNumberGenerator>(using rng: inout G) -> [Op] {
        (0..<Int.random(in: 1...3, using: &rng)).map { _ in
            let record = pool.randomElement(using: &rng)!
            switch Int.random(in: 0..<11, using: &rng) {
            case 10:
                // A touch logged against a contact: it shows under the contact (and its survivor).
                let touch = pool.randomElement(using: &rng)!
                return Op(entity: "interaction", record: touch, field: "contact", value: .ref(record))
            case 0: return Op(entity: "contact", record: record, field: "name", value: .text(["Ada", "Bob", "Cy"].randomElement(using: &rng)!))
            case 1: return Op(entity: "contact", record: record, field: "stage", value: .text(["want", "active"].randomElement(using: &rng)!))
            case 2: return Op(entity: "contact", record: record, field: "notes", value: [.text("x"), .text("y"), .null].randomElement(using: &rng)!)
            case 3: return Op(entity: "contact", record: record, field: "emails", value: .texts([["a@x.org"], ["b@x.org", "a@x.org"]].randomElement(using: &rng)!))
            case 4, 5: return Op(entity: "contact", record: record, field: Merger.deletedField, value: .bool(Int.random(in: 0..<3, using: &rng) > 0))
            case 6:
                let target = pool.filter { $0 != record }.randomElement(using: &rng)!
                return Op(entity: "contact", record: record, field: Merger.mergedIntoField, value: .ref(target))
            case 7: return Op(entity: "contact", record: record, field: Merger.mergedIntoField, value: .null)
            case 8: return Op(entity: "hub", record: record, field: "name", value: .text(["PyData", "Alumni"].randomElement(using: &rng)!))
            default: return Op(entity: "hub", record: record, field: Merger.deletedField, value: .bool(Bool.random(using: &rng)))
            }
        }
    }
}
