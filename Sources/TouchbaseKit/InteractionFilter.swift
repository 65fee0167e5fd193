/// Which interactions a listing shows. Every condition given must hold.
public struct InteractionFilter: Hashable, Sendable {
    /// With this contact: as the interaction's contact or among the others who were there
    /// (duplicates merged into it included).
    public var contact: RecordID?
    /// Held at this hub.
    public var hub: RecordID?
    /// Of this kind.
    public var kind: InteractionKind?
    /// With this status (``Schema/interactionStatuses``); one without a status counts as `done`.
    public var status: String?
    /// On or after this day.
    public var since: CalendarDate?
    /// On or before this day.
    public var until: CalendarDate?
    /// Deleted interactions too (and those hidden with a deleted contact).
    public var includeDeleted: Bool
    /// At most this many, newest first.
    public var limit: Int?

    /// Creates a filter; the default selects every visible interaction.
    public init(contact: RecordID? = nil, hub: RecordID? = nil, kind: InteractionKind? = nil, status: String? = nil,
                since: CalendarDate? = nil, until: CalendarDate? = nil, includeDeleted: Bool = false, limit: Int? = nil) {
        self.contact = contact
        self.hub = hub
        self.kind = kind
        self.status = status
        self.since = since
        self.until = until
        self.includeDeleted = includeDeleted
        self.limit = limit
    }

    /// A status typed as text (`planned`, `done`, `cancelled`, any case).
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `status`) for anything else.
    public static func status(parsing text: String) throws -> String {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard Schema.interactionStatuses.contains(s) else {
            throw WorkspaceError(.outOfRange, field: "status", detail: Schema.interactionStatuses.joined(separator: ", "))
        }
        return s
    }

    /// A kind typed as text (`meeting`, `new-touch`, `new touch`, any case).
    ///
    /// - throws: ``WorkspaceError`` `.outOfRange` (field `kind`) unless one of ``InteractionKind/known``.
    public static func kind(parsing text: String) throws -> InteractionKind {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
        let kind = InteractionKind(rawValue: s)
        guard InteractionKind.known.contains(kind) else {
            throw WorkspaceError(.outOfRange, field: "kind", detail: InteractionKind.known.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }
}
