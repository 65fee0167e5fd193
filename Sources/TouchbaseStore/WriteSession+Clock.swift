import GRDB
import TouchbaseCore

extension WriteSession {
    /// A clock stamp as SQLite stores it: the u64's bit pattern as a signed 64-bit integer (SQLite
    /// has no unsigned type). SQL that compares stored stamps must order negative patterns, the
    /// stamps of 2^63 and above, after the others (`ORDER BY hlc < 0, hlc`); `max()` over them is
    /// wrong, so the clock is never advanced in SQL.
    static func storedStamp(_ hlc: HLC) -> Int64 { Int64(bitPattern: hlc.raw) }

    /// The stamp kept in `meta.hlc` before migration `edit-v1-device-clock`: an unsigned decimal
    /// (every u64); anything else counts as zero.
    static func clockStamp(fromMeta text: String?) -> HLC {
        text.flatMap { UInt64($0) }.map(HLC.init(raw:)) ?? .zero
    }

    /// This database's device id (`meta.device`).
    static func localDevice(_ db: Database) throws -> DeviceID {
        guard let hex = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'device'")),
              let device = DeviceID(hex: hex) else { throw StoreError.corrupt("no device id") }
        return device
    }

    /// The clock of `device`, this database's own: the `clock` column of its device row, where the
    /// edit that advances it also writes its sequence number (one row, one write); zero when unset.
    static func clock(of device: DeviceID, _ db: Database) throws -> HLC {
        let stored = try Int64?.fetchOne(db.cachedStatement(sql: "SELECT clock FROM device WHERE id = ?"), arguments: [device])
        return stored.flatMap { $0 }.map { HLC(raw: UInt64(bitPattern: $0)) } ?? .zero
    }

    /// Sets the clock of `device`, this database's own (``clock(of:_:)``).
    static func setClock(_ clock: HLC, of device: DeviceID, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE device SET clock = ? WHERE id = ?").execute(arguments: [storedStamp(clock), device])
    }

    /// Advances this device's clock past `stamp`, a received Change's, but never more than
    /// ``HybridClock/maxLeadMilliseconds`` ahead of `wallMilliseconds` (Protocol/SPEC.md §13).
    /// The Changes themselves keep their stamps as written.
    func observeClock(_ stamp: HLC, wallMilliseconds: UInt64) throws {
        let (device, last) = try localIdentity()
        var clock = HybridClock(last: last)
        let before = clock.last
        clock.observe(stamp, wallMilliseconds: wallMilliseconds)
        guard clock.last != before else { return }
        try Self.setClock(clock.last, of: device, db)
    }

    /// This device's id and clock: kept from the previous local edit while every write since is
    /// accounted for (``WriteReuse``), else read from `meta` and the device's row.
    func localIdentity() throws -> (device: DeviceID, clock: HLC) {
        if let identity = reuse.identity, reuse.holds(db) { return identity }
        let device = try Self.localDevice(db)
        return (device, try Self.clock(of: device, db))
    }

    /// The digest of an applied Change (``Store/digest(of:in:)``), kept for the next local edit.
    mutating func digest(of dot: Dot) throws -> [UInt8]? {
        if reuse.holds(db), let known = reuse.digests[dot] { return known }
        let digest = try Store.digest(of: dot, in: self)
        if let digest { reuse.digests[dot] = digest }
        return digest
    }

    /// Accounts for the local edit `change` just written, whose digest is `digest` (of the encoding
    /// its log row holds) and whose clock is now `clock`: the next edit of this session, or of the
    /// next transaction (``WriteCache``), reuses the identity and the digests of the heads instead of
    /// reading them.
    mutating func noteLocalCommit(_ change: Change, digest: [UInt8], clock: HLC) {
        var heads: [Dot: [UInt8]] = [change.dot: digest]
        for (d, s) in version.sorted where d != change.device {
            if let known = reuse.digests[Dot(device: d, seq: s)] { heads[Dot(device: d, seq: s)] = known }
        }
        reuse.identity = (change.device, clock)
        reuse.digests = heads
        reuse.accountedChanges = db.totalChangesCount
    }
}
