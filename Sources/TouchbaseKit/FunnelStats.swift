import Foundation
import TouchbaseCore

/// The funnel over a number of weeks: from touches to replies, meetings, referrals, applications,
/// interviews and offers, week by week, and which outreach gets answered.
public struct FunnelStats: Hashable, Sendable {
    /// The first day counted (a Monday).
    public var from: CalendarDate
    /// The last day counted (today).
    public var through: CalendarDate
    /// Each week, oldest first.
    public var weeks: [FunnelWeek]
    /// The whole window's counts (its `start` is ``from``).
    public var total: FunnelWeek
    /// Response rate of the window's outreach by channel (`email`, `linkedin`, …), most sent first.
    public var byChannel: [ResponseRate]
    /// By the contact's source (how you met them).
    public var bySource: [ResponseRate]
    /// By the contact's voter kind.
    public var byVoter: [ResponseRate]
    /// By hub: the outreach's own hub, else every hub the contact belongs to.
    public var byHub: [ResponseRate]
}
