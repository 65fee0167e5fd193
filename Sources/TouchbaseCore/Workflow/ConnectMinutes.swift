/// How much connect time an interaction counts for in the pace report (``PaceReport``).
///
/// An interaction's own `minutes` wins; otherwise the kind's minutes: the `minutes.<kind>`
/// setting if set, else these defaults:
///
/// | kind | minutes |
/// |---|---|
/// | new-touch | 15 |
/// | follow-up | 10 |
/// | meeting | 45 |
/// | informational | 30 |
/// | event | 90 |
/// | reply | 5 |
/// | note | 0 (writing notes is prep, not connect) |
///
/// Planned and cancelled interactions count nothing. Minutes come from synced records and settings,
/// so any `Int64` may arrive: every value is clamped to ``range`` (0 to one day) before it is added
/// up, and a report never overflows.
public struct ConnectMinutes: Hashable, Sendable {
    /// The documented defaults, by kind.
    public static let defaults: [String: Int] = [
        "new-touch": 15, "follow-up": 10, "meeting": 45, "informational": 30, "event": 90, "reply": 5, "note": 0,
    ]
    /// The minutes one interaction or prep record can count for: 0 to 1,440 (one day), the
    /// range local input accepts.
    public static let range = 0...1440

    /// `minutes` clamped to ``range``.
    public static func clamped(_ minutes: Int) -> Int { min(max(minutes, range.lowerBound), range.upperBound) }

    /// Per-kind values from the settings.
    public var overrides: [String: Int] = [:]

    /// The defaults, no overrides.
    public init() {}

    /// Minutes of an interaction of `kind` whose own minutes are `own`.
    public func minutes(kind: String?, own: Int?) -> Int {
        if let own { return Self.clamped(own) }
        guard let kind else { return 0 }
        return Self.clamped(overrides[kind] ?? ConnectMinutes.defaults[kind] ?? 0)
    }
}
