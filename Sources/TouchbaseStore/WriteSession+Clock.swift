import GRDB
import TouchbaseCore

extension WriteSession {
    /// A clock stamp as SQLite stores it: the u64's bit pattern as a signed 64-bit integer (SQLite
    /// has no unsigned type). SQL that compares stored stamps must order negative patterns, the
    /// stamps of 2^63 and above, after the others (`ORDER BY hlc < 0, hlc`); `max()` over them is
    /// wrong, so the clock is never advanced in SQL.
    static func storedStamp(_ hlc: HLC) -> Int64 { Int64(bitPattern: hlc.raw) }

    /// The stamp kept in `meta.hlc`: an unsigned decimal (every u64); anything else counts as zero.
    static func clockStamp(fromMeta text: String?) -> HLC {
        text.flatMap { UInt64($0) }.map(HLC.init(raw:)) ?? .zero
    }

    /// Advances this device's clock past `stamp`, a received Change's, but never more than
    /// ``HybridClock/maxLeadMilliseconds`` ahead of `wallMilliseconds` (Protocol/SPEC.md §13).
    /// The Changes themselves keep their stamps as written.
    func observeClock(_ stamp: HLC, wallMilliseconds: UInt64) throws {
        let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'hlc'")
        var clock = HybridClock(last: Self.clockStamp(fromMeta: text))
        let before = clock.last
        clock.observe(stamp, wallMilliseconds: wallMilliseconds)
        guard clock.last != before || text == nil else { return }
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [String(clock.last.raw)])
    }
}
