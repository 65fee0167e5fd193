/// The entities of the networking CRM and their fields.
///
/// Unknown entities and fields (from a newer version) are still merged and forwarded; the schema only
/// decides what is validated on local edits and materialized into typed tables.
public enum Schema {
    /// Networking stages of a contact, from wishlist to dormant.
    public static let stages = ["want", "docket", "pending", "active", "dormant"]
    /// Set voters are like you (also seeking); swing voters are mixed (founders, bosses, freelancers).
    public static let voters = ["set", "swing", "unknown"]
    /// Kinds of interaction.
    public static let interactionKinds = ["new-touch", "follow-up", "meeting", "informational", "event", "reply", "note"]
    /// Direction of an interaction.
    public static let directions = ["out", "in"]
    /// State of an interaction that may be planned ahead (a meeting on the docket).
    public static let interactionStatuses = ["planned", "done", "cancelled"]

    public static let contact = EntitySchema("contact", [
        ("name", .text), ("organization", .text), ("role", .text), ("emails", .texts), ("phones", .texts),
        ("linkedin", .text), ("urls", .texts), ("location", .text), ("voter", .choice(voters)),
        ("stage", .choice(stages)), ("ask", .text), ("offer", .text), ("source", .text), ("notes", .text),
        ("cadence", .int), ("birthday", .date), ("uid", .text), ("connectedOn", .date),
        (Merger.mergedIntoField, .ref("contact")),
    ])
    public static let hub = EntitySchema("hub", [
        ("name", .text), ("kind", .text), ("url", .text), ("schedule", .text), ("location", .text), ("notes", .text),
        // A hub on the wishlist, like a person (agenda).
        ("stage", .choice(stages)),
    ])
    /// A contact's membership of a hub; id derived from `(contact, hub)`.
    public static let membership = EntitySchema("membership", [
        ("contact", .ref("contact")), ("hub", .ref("hub")), ("role", .text),
    ])
    /// A tag; id derived from its normalized name.
    public static let tag = EntitySchema("tag", [("name", .text), ("cadence", .int)])
    /// A tag on a contact or hub; id derived from `(target, tag)`.
    public static let tagging = EntitySchema("tagging", [("target", .ref("*")), ("tag", .ref("tag"))])
    public static let interaction = EntitySchema("interaction", [
        ("contact", .ref("contact")), ("others", .refs("contact")), ("hub", .ref("hub")), ("date", .date),
        ("time", .text), ("kind", .choice(interactionKinds)), ("direction", .choice(directions)),
        ("channel", .text), ("reason", .text), ("reasonRef", .ref("reason")), ("exitGoal", .text),
        ("learned", .text), ("nextStep", .text), ("followUp", .date), ("outcome", .text), ("forced", .bool),
        ("status", .choice(interactionStatuses)), ("answered", .date),
        // Connect time of this interaction, when it differs from its kind's default (`touchbase pace`).
        ("minutes", .int),
    ])
    /// Something to share: the reason for an outreach.
    public static let reason = EntitySchema("reason", [("text", .text), ("url", .text)])
    /// Time spent preparing: intake, research, writing, follow-up plans.
    public static let prep = EntitySchema("prep", [("what", .text), ("minutes", .int), ("date", .date)])
    /// A synced preference (daily target, pending days, …); id derived from its key.
    public static let setting = EntitySchema("setting", [("key", .text), ("value", .text)])

    /// Link fields whose records show under the record they refer to (Protocol/SPEC.md §13): an
    /// interaction shows under its displayed `contact` (and so under that contact's survivor), and
    /// its concurrent edits keep a deleted contact visible.
    public static let shownUnder: [(entity: String, field: String, target: String)] = [("interaction", "contact", "contact")]

    // Agenda and imports (issue 11).
    /// The contact fields an import replaces (rather than merges), whose last imported values are
    /// kept per contact and source in ``imported``.
    public static let importedFields: [(String, FieldType)] = [
        ("name", .text), ("organization", .text), ("role", .text), ("linkedin", .text), ("location", .text), ("notes", .text),
        ("birthday", .date), ("uid", .text), ("connectedOn", .date), ("stage", .choice(stages)), ("voter", .choice(voters)),
        ("ask", .text), ("offer", .text), ("source", .text), ("cadence", .int),
    ]
    /// What the latest import from one source wrote on one contact; id ``importedID(contact:origin:)``.
    /// A re-import updates a field only while the contact still holds this value.
    public static let imported = EntitySchema("imported", [("contact", .ref("contact")), ("origin", .text)] + importedFields)
    /// A contact's new organization or role, seen by an import: a reason to reach out.
    public static let jobChange = EntitySchema("jobChange", [
        ("contact", .ref("contact")), ("date", .date), ("organization", .text), ("role", .text),
        ("previousOrganization", .text), ("previousRole", .text), ("origin", .text),
    ])

    /// Every known entity.
    public static let all: [EntitySchema] = [contact, hub, membership, tag, tagging, interaction, reason, prep, setting]
        + opportunityEntities + [imported, jobChange]

    /// The schema of an entity, `nil` if unknown to this version.
    public static func entity(_ name: String) -> EntitySchema? { all.first { $0.name == name } }

    /// Derived id of a membership.
    public static func membershipID(contact: RecordID, hub: RecordID) -> RecordID {
        .derived("membership", contact.hex + hub.hex)
    }
    /// Derived id of a tag: its normalized name (trimmed, lowercased, inner spaces collapsed).
    public static func tagID(_ name: String) -> RecordID { .derived("tag", normalizeTag(name)) }
    /// Derived id of a tagging.
    public static func taggingID(target: RecordID, tag: RecordID) -> RecordID { .derived("tagging", target.hex + tag.hex) }
    /// Derived id of a contact imported from LinkedIn: its normalized profile URL.
    public static func linkedinContactID(_ url: String) -> RecordID { .derived("linkedin", url) }
    /// Derived id of the values last imported on a contact from one source (`linkedin`, `google`, …).
    public static func importedID(contact: RecordID, origin: String) -> RecordID { .derived("imported", contact.hex + ":" + origin) }
    /// Derived id of a setting.
    public static func settingID(_ key: String) -> RecordID { .derived("setting", key) }

    /// Trimmed, lowercased, inner whitespace collapsed to single spaces. Whitespace is any Unicode
    /// whitespace: CRLF (one `Character`), no-break spaces and the like count too.
    public static func normalizeTag(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Opportunities (issue 11)

    /// Stages of an opportunity, from first research to closed.
    public static let opportunityStages = ["researching", "applied", "interviewing", "offer", "closed"]
    /// How a closed opportunity ended.
    public static let opportunityOutcomes = ["accepted", "declined", "rejected", "withdrawn"]
    /// What a contact is to an opportunity.
    public static let opportunityContactRoles = ["works-there", "referrer", "recruiter", "interviewer"]
    /// A role at an organisation: its stage, the dates it reached each stage, its next step.
    public static let opportunity = EntitySchema("opportunity", [
        ("role", .text), ("organization", .text), ("stage", .choice(opportunityStages)), ("outcome", .choice(opportunityOutcomes)),
        ("url", .text), ("applied", .date), ("interviewing", .date), ("offered", .date), ("closed", .date),
        ("nextStep", .text), ("nextStepOn", .date), ("notes", .text),
    ])
    /// A contact linked to an opportunity, with what they are to it; id derived from
    /// `(opportunity, contact)`.
    public static let opportunityContact = EntitySchema("opportunityContact", [
        ("opportunity", .ref("opportunity")), ("contact", .ref("contact")), ("role", .choice(opportunityContactRoles)), ("since", .date),
    ])
    /// The entities of opportunities, after the first ones.
    public static let opportunityEntities = [opportunity, opportunityContact]

    /// Derived id of an opportunity's link to a contact.
    public static func opportunityContactID(opportunity: RecordID, contact: RecordID) -> RecordID {
        .derived("opportunityContact", opportunity.hex + contact.hex)
    }
}
