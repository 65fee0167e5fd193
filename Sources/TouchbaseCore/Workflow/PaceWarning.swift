/// Why a pace report is out of balance (see ``PaceReport/warning``). A client words it.
public enum PaceWarning: Hashable, Sendable {
    /// Prep's share is under ``PaceReport/balanced``: plan, research and write before the next touches.
    case mostlyConnecting(prepShare: Double)
    /// Prep's share is over ``PaceReport/balanced``: time to reach out.
    case mostlyPrepping(prepShare: Double)
}
