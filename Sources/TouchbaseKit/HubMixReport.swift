/// Each hub's share of set and swing voters, over a window of recent touches.
public struct HubMixReport: Hashable, Sendable {
    /// The first day whose touches count.
    public var since: CalendarDate
    /// The window, in days (ending today).
    public var days: Int
    /// The hubs asked for (all, or one), by name.
    public var hubs: [HubMix.Hub]
    /// All your recent touches, by voter kind.
    public var touches: HubMix.Counts
}
