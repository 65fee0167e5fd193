/// How much connect time an interaction counts for in `touchbase pace`.
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
/// Planned and cancelled interactions count nothing.
public struct ConnectMinutes: Hashable, Sendable {
    /// The documented defaults, by kind.
    public static let defaults: [String: Int] = [
        "new-touch": 15, "follow-up": 10, "meeting": 45, "informational": 30, "event": 90, "reply": 5, "note": 0,
    ]
    /// Per-kind values from the settings.
    public var overrides: [String: Int] = [:]

    /// The defaults, no overrides.
    public init() {}

    /// Minutes of an interaction of `kind` whose own minutes are `own`.
    public func minutes(kind: String?, own: Int?) -> Int {
        if let own { return max(0, own) }
        guard let kind else { return 0 }
        return overrides[kind] ?? ConnectMinutes.defaults[kind] ?? 0
    }
}
