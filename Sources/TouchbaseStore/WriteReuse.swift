import GRDB
import TouchbaseCore

/// What a write session may take from the previous local edit instead of reading it again, and
/// whether it still holds (``WriteCache``).
struct WriteReuse {
    /// This device's id and clock (`meta.device`, `meta.hlc`).
    var identity: (device: DeviceID, clock: HLC)?
    /// Digests of applied Changes, by dot (those the next Change links to).
    var digests: [Dot: [UInt8]] = [:]
    /// The writer's count of rows changed after the last write this value accounts for; `nil`
    /// when the session does not keep track (nothing is reused then).
    var accountedChanges: Int?

    /// Whether every write of the session so far is accounted for: the values held are the database's.
    func holds(_ db: Database) -> Bool {
        accountedChanges == db.totalChangesCount
    }

    /// Stops reusing anything in this session.
    mutating func drop() {
        identity = nil
        digests = [:]
        accountedChanges = nil
    }
}
