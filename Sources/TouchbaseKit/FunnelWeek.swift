import Foundation
import TouchbaseCore

/// One week of the funnel (Monday to Sunday): how many of each step happened in it.
public struct FunnelWeek: Hashable, Sendable {
    /// The Monday the week starts on.
    public var start: CalendarDate
    /// Outreach sent: done new touches and follow-ups, outgoing.
    public var touches = 0
    /// Replies logged.
    public var replies = 0
    /// Meetings held: done meetings and informational interviews.
    public var meetings = 0
    /// Referrers linked to an opportunity (on the day of the link).
    public var referrals = 0
    /// Opportunities applied to.
    public var applications = 0
    /// Opportunities that reached interviews.
    public var interviews = 0
    /// Offers received.
    public var offers = 0

    /// An empty week.
    public init(start: CalendarDate) { self.start = start }

    /// The counts in funnel order, with their names: touches, replies, meetings, referrals,
    /// applications, interviews, offers.
    public var steps: [(name: String, count: Int)] {
        [("touches", touches), ("replies", replies), ("meetings", meetings), ("referrals", referrals),
         ("applications", applications), ("interviews", interviews), ("offers", offers)]
    }
}
