/// A keep-in-touch cadence to set: every how many days, or `nil` to clear it.
public struct CadenceSetting: Hashable, Sendable {
    /// The contact or the tag.
    public var target: CadenceTarget
    /// Every how many days (``WorkflowLimits/cadenceDays``); `nil` clears the cadence.
    public var days: Int?

    /// Creates a cadence setting.
    public init(target: CadenceTarget, days: Int?) {
        self.target = target
        self.days = days
    }
}
