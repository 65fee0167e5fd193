/// One synced setting as it applies now.
public struct EffectiveSetting: Hashable, Sendable {
    /// Its key (`daily-target`, `minutes.meeting`, …; see ``WorkflowSettings``).
    public var key: String
    /// The value in effect.
    public var value: String
    /// Its default.
    public var defaultValue: String
    /// Whether it was set (else the default applies).
    public var isSet: Bool
}
