import Foundation

/// Time spent preparing: intake, research, writing, follow-up plans.
public struct PrepInput: Hashable, Sendable {
    /// What you did: required.
    public var what: String
    /// How long, in ``WorkflowLimits/prepMinutes``.
    public var minutes: Int
    /// The day; `nil` for today.
    public var date: CalendarDate?

    /// Creates a prep record.
    public init(what: String, minutes: Int, date: CalendarDate? = nil) {
        self.what = what
        self.minutes = minutes
        self.date = date
    }
}

extension PrepInput {
    /// Checks the rules: something was done, for minutes in range.
    ///
    /// - throws: ``WorkspaceError`` `.emptyValue` (field `what`) or `.outOfRange` (field `minutes`).
    public func validate() throws {
        guard !what.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw WorkspaceError(.emptyValue, field: "what") }
        _ = try WorkflowLimits.check(minutes, in: WorkflowLimits.prepMinutes, field: "minutes")
    }
}
