import Foundation
import TouchbaseCore
import TouchbaseStore

/// A role at an organisation you are going after: a typed view over the opportunity record.
///
/// ``fields`` holds every field as stored, including fields a newer version wrote that this one
/// does not know (read by ``Workspace/opportunity(id:)``). Its JSON form is one object: `id`,
/// `entity` (`"opportunity"`), one key per set field, and `deleted` when deleted.
public struct Opportunity: Identifiable, Hashable, Sendable, Codable {
    /// The opportunity's id.
    public let id: RecordID
    /// Every set field by name (known to this version or not).
    public var fields: [String: Value]
    /// Whether it is deleted (hidden).
    public var isDeleted: Bool

    /// An opportunity view of stored fields.
    public init(id: RecordID, fields: [String: Value], isDeleted: Bool = false) {
        self.id = id
        self.fields = fields
        self.isDeleted = isDeleted
    }

    /// The view of a materialized record.
    package init(_ record: Record) {
        self.init(id: record.id, fields: record.values, isDeleted: record.deleted)
    }

    /// The role (job title), or the short id when unset.
    public var role: String { text("role") ?? String(id.hex.prefix(8)) }
    /// The organisation.
    public var organization: String? { text("organization") }
    /// `Role at Organisation`.
    public var title: String { organization.map { "\(role) at \($0)" } ?? role }
    /// Its stage; ``OpportunityStage/researching`` when unset.
    public var stage: OpportunityStage { text("stage").map(OpportunityStage.init(rawValue:)) ?? .initial }
    /// How it ended, once closed.
    public var outcome: OpportunityOutcome? { text("outcome").map(OpportunityOutcome.init(rawValue:)) }
    /// The posting.
    public var url: String? { text("url") }
    /// The day you applied.
    public var applied: CalendarDate? { fields["applied"]?.date }
    /// The day it reached interviews.
    public var interviewing: CalendarDate? { fields["interviewing"]?.date }
    /// The day an offer came.
    public var offered: CalendarDate? { fields["offered"]?.date }
    /// The day it closed.
    public var closed: CalendarDate? { fields["closed"]?.date }
    /// What to do next.
    public var nextStep: String? { text("nextStep") }
    /// When to do it.
    public var nextStepOn: CalendarDate? { fields["nextStepOn"]?.date }
    /// Free-form notes.
    public var notes: String? { text("notes") }
    /// Whether it is still open (not closed).
    public var isOpen: Bool { stage != .closed }

    /// The fields this version does not know (written by a newer one), by name.
    public var unknownFields: [String: Value] { fields.filter { Schema.opportunity.type(of: $0.key) == nil } }

    /// The text of a field, `nil` when unset or empty.
    public func text(_ field: String) -> String? {
        guard let s = fields[field]?.text, !s.isEmpty else { return nil }
        return s
    }

    public init(from decoder: any Decoder) throws {
        let r = try RecordFieldsCoding.decode(entity: "opportunity", from: decoder)
        self.init(id: r.id, fields: r.fields, isDeleted: r.deleted)
    }

    public func encode(to encoder: any Encoder) throws {
        try RecordFieldsCoding.encode(id: id, entity: "opportunity", fields: fields, deleted: isDeleted, mergedInto: nil, to: encoder)
    }
}
