import TouchbaseStore

extension ErrorText {
    /// The terminal's message for a ``StoreError``.
    static func store(_ e: StoreError) -> String {
        let entity = e.entity ?? "record", field = e.field ?? "field"
        switch e.code {
        case .notInitialized:
            return "no Touchbase database at \(e.path ?? "?"); run `touchbase init` first (or pass --home)"
        case .alreadyInitialized:
            return "a Touchbase database already exists at \(e.path ?? "?")"
        case .invalidValue:
            return "\(e.value ?? "the value") is not a valid \(field) for a \(entity)"
        case .unknownField:
            return "\(entity) has no field named \(field)"
        case .notFound:
            let miss = "no \(entity) matches \"\(e.query ?? "")\""
            if e.candidates.count == 1, let name = suggestedName(e.candidates[0]) { return miss + "; did you mean \(name)?" }
            if e.candidates.isEmpty { return miss }
            return miss + "; did you mean one of these?\n" + e.candidates.map { "  \($0)" }.joined(separator: "\n")
        case .ambiguous:
            return "\"\(e.query ?? "")\" matches \(e.candidates.count) \(entity)s; use an id prefix:\n"
                + e.candidates.map { "  \($0)" }.joined(separator: "\n")
        case .newerDatabase:
            return "this database was written by a newer Touchbase (schema \(e.version ?? "?")); upgrade touchbase"
        case .corrupt:
            return "the database is damaged: \(e.detail ?? "unknown cause")"
        case .listInConflict:
            return "the \(entity)'s \(field) are in conflict (different lists from different devices); "
                + "choose or give the whole list first, so that no value is dropped"
        case .notEmpty:
            return "a snapshot can only seed a database without changes: \(e.detail ?? "it has some")"
        case .healNeedsSnapshot:
            return "healing a fork needs this database's whole history, and its change log starts after the snapshot it joined "
                + "from, which the shared folder no longer holds; nothing was changed"
        case .healWouldDropOwnChanges:
            let count = e.detail.flatMap { Int($0) }
            return "healing a fork would set aside \(count.map { "\($0) change\($0 == 1 ? "" : "s")" } ?? "changes") made here, built on "
                + "changes this device has not received; nothing was changed, and the fork stays unhealed on this device"
        case .logCompacted:
            let count = e.detail.flatMap { Int($0) }
            let what = count.map { "\($0) change\($0 == 1 ? "" : "s") made here that no file of the shared folder holds" } ?? "changes made here that no file of the shared folder holds"
            return "`touchbase device rekey` would have to re-issue \(what) under the new id, and that needs this database's whole "
                + "change log, which was compacted; nothing was changed. Keep this home (it still shows them), run `touchbase init` "
                + "in a new home and sync it with the folder, then make those changes again there"
        }
    }

    /// The name in a candidate line (`1a2b3c4d  Marcus Oyelaran  (Acme)` → `Marcus Oyelaran`).
    static func suggestedName(_ line: String) -> String? {
        let parts = line.components(separatedBy: "  ")
        return parts.count >= 2 ? parts[1] : nil
    }
}
