/// The synced preferences of the networking method, read from `setting` records.
///
/// Settings are ordinary records (id ``Schema/settingID(_:)``, fields `key` and `value`), so a
/// change made on the laptop shows on the desktop after the next sync. Unknown keys are ignored and
/// a value that does not parse falls back to the default.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `daily-target` | new touches a day (with its history, see ``TargetHistory``) | 1 |
/// | `pending-days` | days without an answer before an outreach is listed as stale | 7 |
/// | `mix-days` | how far back the hub mix looks for recent touches | 90 |
/// | `minutes.<kind>` | connect minutes of an interaction kind (see ``ConnectMinutes``) | per kind |
public struct WorkflowSettings: Hashable, Sendable {
    /// The key of the daily new-touch target.
    public static let targetKey = "daily-target"
    /// The key of the stale-outreach threshold.
    public static let pendingDaysKey = "pending-days"
    /// The key of the `hub mix` window.
    public static let mixDaysKey = "mix-days"
    /// The prefix of the per-kind connect minutes keys (`minutes.meeting`).
    public static let minutesPrefix = "minutes."

    /// Every key a client may set, with its default, in the order a client lists them. A client
    /// words each key's meaning itself.
    public static var known: [(key: String, defaultValue: String)] {
        [(targetKey, "1"), (pendingDaysKey, "7"), (mixDaysKey, "90")]
            + Schema.interactionKinds.map { kind in (minutesPrefix + kind, String(ConnectMinutes.defaults[kind] ?? 0)) }
    }

    /// The daily new-touch target over time.
    public var targets: TargetHistory
    /// Days without an answer before an outreach is stale.
    public var pendingDays: Int
    /// Days of recent touches counted by the hub mix.
    public var mixDays: Int
    /// Connect minutes per interaction kind.
    public var minutes: ConnectMinutes

    /// The defaults.
    public init() {
        targets = TargetHistory()
        pendingDays = 7
        mixDays = 90
        minutes = ConnectMinutes()
    }

    /// The range of each number setting, as ``validate(key:value:)`` checks it.
    public static let targetRange = 1...50, pendingDaysRange = 1...365, mixDaysRange = 1...3650

    /// Settings read from `key → value` pairs; missing or malformed values keep their default.
    /// Settings sync, so a number outside its range (written by a newer or hostile device) is
    /// clamped into it rather than trusted.
    public init(values: [String: String]) {
        self.init()
        if let t = values[Self.targetKey], let h = TargetHistory(t) { targets = h }
        if let s = values[Self.pendingDaysKey], let n = Int(s), n >= 0 { pendingDays = min(n, Self.pendingDaysRange.upperBound) }
        if let s = values[Self.mixDaysKey], let n = Int(s), n > 0 { mixDays = min(n, Self.mixDaysRange.upperBound) }
        for (key, value) in values where key.hasPrefix(Self.minutesPrefix) {
            let kind = String(key.dropFirst(Self.minutesPrefix.count))
            if Schema.interactionKinds.contains(kind), let n = Int(value), n >= 0 { minutes.overrides[kind] = ConnectMinutes.clamped(n) }
        }
    }

    /// Checks a value typed for `key`, returning the text to store.
    ///
    /// - throws: ``WorkflowError/invalidSetting(key:reason:)``.
    public static func validate(key: String, value: String) throws -> String {
        let v = WorkflowText.trimmed(value)
        switch key {
        case targetKey:
            guard let n = Int(v), (1...50).contains(n) else { throw WorkflowError.invalidSetting(key: key, reason: "a whole number from 1 to 50") }
            return String(n)
        case pendingDaysKey:
            guard let n = Int(v), (1...365).contains(n) else { throw WorkflowError.invalidSetting(key: key, reason: "a whole number of days from 1 to 365") }
            return String(n)
        case mixDaysKey:
            guard let n = Int(v), (1...3650).contains(n) else { throw WorkflowError.invalidSetting(key: key, reason: "a whole number of days from 1 to 3650") }
            return String(n)
        default:
            if key.hasPrefix(minutesPrefix), Schema.interactionKinds.contains(String(key.dropFirst(minutesPrefix.count))) {
                guard let n = Int(v), (0...1440).contains(n) else { throw WorkflowError.invalidSetting(key: key, reason: "minutes from 0 to 1440") }
                return String(n)
            }
            throw WorkflowError.unknownSetting(key)
        }
    }
}

/// The daily new-touch target and when it changed, so that raising the target today does not
/// rewrite the streak of the days before.
///
/// Stored as the text of the `daily-target` setting: either a plain number (`2`), or entries
/// `YYYY-MM-DD:N` separated by commas, oldest first (`2026-02-02:1,2026-03-02:2`). The first
/// entry's target also applies before its date.
public struct TargetHistory: Hashable, Sendable, CustomStringConvertible {
    /// `(since, target)`, oldest first; `since` is `nil` only for a plain number.
    public private(set) var entries: [(since: CalendarDate?, target: Int)]

    /// A target of 1 since ever.
    public init() { entries = [(nil, 1)] }

    /// A constant target.
    public init(constant target: Int) { entries = [(nil, min(max(1, target), WorkflowSettings.targetRange.upperBound))] }

    /// Parses the stored text; `nil` when malformed.
    public init?(_ text: String) {
        let t = WorkflowText.trimmed(text)
        if let n = Int(t) {
            guard n >= 1 else { return nil }
            entries = [(nil, min(n, WorkflowSettings.targetRange.upperBound))]
            return
        }
        var list: [(since: CalendarDate?, target: Int)] = []
        for part in t.split(separator: ",") {
            let pieces = part.split(separator: ":")
            guard pieces.count == 2, let d = CalendarDate(WorkflowText.trimmed(String(pieces[0]))), d.year != nil,
                  let n = Int(WorkflowText.trimmed(String(pieces[1]))), n >= 1 else { return nil }
            list.append((d, min(n, WorkflowSettings.targetRange.upperBound)))
        }
        guard !list.isEmpty else { return nil }
        entries = list.sorted { $0.since! < $1.since! }
    }

    /// The target today and from now on.
    public var current: Int { entries.last!.target }

    /// The target that applied on `day`.
    public func target(on day: CalendarDate) -> Int {
        var t = entries[0].target
        for e in entries { if let s = e.since, s <= day { t = e.target } }
        return t
    }

    /// This history with the target set to `target` from `day` on (later entries dropped; at most
    /// 60 entries kept).
    public func setting(_ target: Int, from day: CalendarDate) -> TargetHistory {
        var copy = self
        var list = entries.filter { e in e.since.map { $0 < day } ?? true }
        if list.count == 1, list[0].since == nil {
            // A plain number becomes the first dated entry, a day before the change.
            list = [(day.adding(days: -1), list[0].target)]
        }
        if list.last?.target != target { list.append((day, target)) }
        if list.count > 60 { list.removeFirst(list.count - 60) }
        copy.entries = list
        return copy
    }

    public var description: String {
        if entries.count == 1, entries[0].since == nil { return String(entries[0].target) }
        return entries.map { "\($0.since?.description ?? ""):\($0.target)" }.joined(separator: ",")
    }

    public static func == (a: TargetHistory, b: TargetHistory) -> Bool { a.description == b.description }
    public func hash(into h: inout Hasher) { h.combine(description) }
}
