import Foundation
import TouchbaseCore

/// An edit of an opportunity: only the fields given change, in one edit. Setting a field that is
/// in conflict resolves the conflict.
public struct OpportunityChanges: Hashable, Sendable {
    /// A new role (it must not be empty).
    public var role: String?
    /// A new organisation (it must not be empty).
    public var organization: String?
    /// A new stage. Moving to a stage records the day it was reached (today) unless that day is
    /// already known; closing goes through ``Workspace/closeOpportunity(_:outcome:on:)``.
    public var stage: OpportunityStage?
    /// The posting.
    public var url: FieldEdit<String>?
    /// The day you applied.
    public var applied: FieldEdit<CalendarDate>?
    /// What to do next.
    public var nextStep: FieldEdit<String>?
    /// When to do it.
    public var nextStepOn: FieldEdit<CalendarDate>?
    /// Free-form notes.
    public var notes: FieldEdit<String>?

    /// An edit that changes nothing yet.
    public init() {}

    /// Whether the edit changes nothing.
    public var isEmpty: Bool { self == OpportunityChanges() }
}
