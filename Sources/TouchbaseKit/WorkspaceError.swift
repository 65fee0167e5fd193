/// Why a workspace call was refused. Nothing is written when one is thrown.
///
/// A client words it itself from ``code`` and the fields that go with it. ``description`` is for
/// logs: it names no client command and carries no personal data (names, emails, notes).
public struct WorkspaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A required value is empty (a contact without a name).
        case emptyValue
        /// A value is outside what the method allows (a date, minutes, a cadence).
        case outOfRange
        /// Input that does not parse (a date, an email, a URL).
        case malformed

        // Sync, folders and conflicts.
        /// The conflict to resolve is no longer open (resolved meanwhile, here or on another device).
        case conflictNotOpen
        /// A resolution that is not one of the conflict's kind (`field` names the kind).
        case resolutionDoesNotFit
        // Records (contacts, hubs, tags, memberships).
        /// Another record already holds a value that must be unique (a LinkedIn profile, a hub
        /// name); ``WorkspaceError/detail`` is that record's id in hex.
        case alreadyExists
        /// Like ``alreadyExists``, but the record holding the value is deleted (it can be restored);
        /// ``WorkspaceError/detail`` is its id in hex.
        case alreadyExistsDeleted
        /// A list field to add to holds different lists from different devices; adding would drop
        /// values, so nothing was written (``WorkspaceError/field`` names the list).
        case listInConflict
        /// A restore of a record that is neither deleted nor in a delete-vs-edit conflict.
        case notDeleted
        /// Leaving a hub the contact is not a member of.
        case notMember
        /// Removing a tag the record does not carry (``WorkspaceError/field`` is `tags`).
        case notTagged
        /// A merge of a record into itself.
        case sameRecord
        /// A field this kind of record does not have, or one set by its own call (a link).
        case unknownField
        // Workflow (touch, meetings, the reason library, cadences).
        /// A name that is both a tag and a contact, where either could be meant.
        case ambiguousTarget
        /// A reason whose text is already in the library; `detail` is the existing reason's id.
        case reasonExists
        // Opportunities.
        /// Unlinking a contact that is not linked to the opportunity.
        case notLinked
        /// An edit that does not fit the opportunity's stage: closing without an outcome, an outcome
        /// on an open opportunity (``WorkspaceError/field`` names the field).
        case stageMismatch
        // Interactions (the log, cancel, reschedule, a second debrief, dates that look wrong).
        /// A meeting step (cancel, reschedule) on an interaction that is not a planned meeting;
        /// ``WorkspaceError/detail`` is its status (`done`, `cancelled`) or its kind.
        case notPlanned
        /// A debrief with no meeting planned while the latest meeting is already debriefed (it
        /// would log a second meeting); ``WorkspaceError/detail`` is that meeting's id in hex.
        case alreadyDebriefed
        /// A date before today where only today or later fits (a meeting planned); `field` names it.
        case dateInPast
        /// A date after today where only today or earlier fits (an outreach, a reply, a debrief).
        case dateInFuture
        // Devices (retiring a lost device).
        /// No device this database knows matches the id, id prefix or name given.
        case unknownDevice
        /// Several known devices match; ``WorkspaceError/detail`` lists their ids, comma-separated.
        case ambiguousDevice
        /// The device named is this one: a device does not retire itself.
        case thisDevice
        /// The device is retired already; ``WorkspaceError/detail`` is its id.
        case alreadyRetired
    }

    /// What went wrong.
    public let code: Code
    /// The field or argument concerned, when there is one (`"name"`, `"minutes"`).
    public let field: String?
    /// A short, non-personal detail: an allowed range, an expected form.
    public let detail: String?

    /// Creates an error.
    public init(_ code: Code, field: String? = nil, detail: String? = nil) {
        self.code = code
        self.field = field
        self.detail = detail
    }

    public var description: String {
        var text = code.rawValue
        if let field { text += " (\(field))" }
        if let detail { text += ": \(detail)" }
        return text
    }
}
