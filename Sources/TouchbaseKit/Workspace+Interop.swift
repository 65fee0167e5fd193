import TouchbaseStore
import TouchbaseInterop

/// Importing contacts from other tools, and exporting them.
extension Workspace {
    /// The `source` given to new contacts whose card has none: `LinkedIn` for LinkedIn's export.
    public static func defaultSource(for format: ImportFormat) -> String? {
        format == .linkedInCSV ? "LinkedIn" : nil
    }

    /// The source an import format's last imported values are kept under (re-imports respect edits).
    public static func importOrigin(for format: ImportFormat) -> String {
        switch format {
        case .linkedInCSV: "linkedin"
        case .googleCSV, .googleLegacyCSV: "google"
        case .outlookCSV: "outlook"
        case .touchbaseCSV: "touchbase"
        case .vCard: "vcard"
        }
    }

    /// Imports the cards of parsed files, piece after piece until `next` returns nil (a chunk of a
    /// large CSV file, or one vCard file), with one piece in memory at a time, all as one
    /// transaction: a failure anywhere, `next` included, imports nothing.
    ///
    /// People already known are recognised by their Touchbase id, LinkedIn profile URL, vCard UID or
    /// email; only fields whose value changed are written. Fields of a card replace the stored
    /// ones while they still hold what the previous import from the same source wrote (an edit
    /// made here wins; cards carrying a Touchbase id, from its own exports, always replace);
    /// emails, phones and web addresses are merged; tags and hubs are added, never removed. A new
    /// organization or role on someone known is recorded as a job change (the day's plan offers
    /// it as something to say). The values imported are kept per contact and source, and sync.
    ///
    /// - parameters:
    ///   - format: the format read (it sets ``defaultSource(for:)`` and ``importOrigin(for:)``).
    ///   - dryRun: plan everything, write nothing; the outcome lists every person and field.
    ///   - options: stage, voter and tags for everyone the file brings in.
    ///   - next: the next parsed piece and the name of its file (nil for a single file), or nil at the end.
    /// - throws: ``WorkspaceError`` for options that do not fit (see ``ImportOptions``), before reading.
    public func importContacts(format: ImportFormat, dryRun: Bool = false, options: ImportOptions = ImportOptions(),
                               next: () throws -> (file: String?, result: ImportResult)?) throws -> ImportOutcome {
        let checked = try options.checked()
        let defaults = ImportDefaults(stage: checked.stage, voter: checked.voter, tags: checked.tags, origin: Self.importOrigin(for: format),
                                      today: today, listChanges: dryRun)
        var skipped: [ImportPlan.Skip] = []
        var warnings: [ImportPlan.Skip] = []
        let plan = try store.importPeople(defaultSource: Self.defaultSource(for: format), defaults: defaults, dryRun: dryRun) {
            guard let (file, result) = try next() else { return nil }
            skipped += result.skipped.map { .init(file: file, line: $0.line, reason: $0.reason) }
            warnings += result.warnings.map { .init(file: file, line: $0.line, reason: $0.message) }
            return result.cards.map { CardMapping.person($0, file: file) }
        }
        func ordered(_ items: [ImportPlan.Skip]) -> [ImportPlan.Skip] {
            items.sorted { ($0.file ?? "", $0.line) < ($1.file ?? "", $1.line) }
        }
        return ImportOutcome(created: plan.created, updated: plan.updated, unchanged: plan.unchanged, hubsCreated: plan.hubsCreated,
                             skipped: ordered(skipped + plan.skipped), warnings: ordered(warnings + plan.warnings), changes: plan.changes,
                             jobChanges: plan.jobChanges)
    }

    /// Every contact as Touchbase CSV: stage, voter, ask, offer, hubs, tags, last touch, next
    /// follow-up, with the record id (re-importing it updates the same people). Cells a spreadsheet
    /// would run as a formula are written as text.
    public func exportCSV(byteOrderMark: Bool = false) throws -> ContactExport {
        let rows = try store.exportContacts().map { e in
            TouchbaseCSV.Row(card: CardMapping.card(e.record, tags: e.tags, hubs: e.hubs), lastTouch: e.lastTouch, nextFollowUp: e.followUp)
        }
        return ContactExport(text: TouchbaseCSV.write(rows, byteOrderMark: byteOrderMark), count: rows.count)
    }

    /// Every contact as vCard 4.0, its UID the record id (re-importing it updates the same people).
    public func exportVCard() throws -> ContactExport {
        let cards = try store.exportContacts().map { CardMapping.card($0.record, tags: $0.tags, hubs: $0.hubs) }
        return ContactExport(text: VCardWriter.write(cards), count: cards.count)
    }
}
