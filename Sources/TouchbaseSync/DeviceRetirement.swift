import TouchbaseCore
import TouchbaseStore

/// Retired devices (Protocol/SPEC.md §3.7): a lost device that garbage collection no longer waits
/// for. A retirement is an ordinary synced edit — the setting `device.retired.<device hex>` with
/// the value `yes` — so it is signed, gated and merged like every other Change, and every device
/// that applied the same Changes agrees on who is retired. A retired device that syncs again clears
/// it (a put of null on the same setting) and is waited for again.
public enum DeviceRetirement {
    /// The setting keys' prefix.
    public static let keyPrefix = "device.retired."
    /// The value that retires.
    public static let retiredValue = "yes"

    /// The setting key for a device.
    public static func key(for device: DeviceID) -> String { keyPrefix + device.hex }

    /// The puts that retire `device`.
    public static func retireOps(_ device: DeviceID) -> [Op] { WorkflowOps.setting(key(for: device), retiredValue) }

    /// The puts that make `device` active again.
    public static func clearOps(_ device: DeviceID) -> [Op] { WorkflowOps.setting(key(for: device), nil) }

    /// The device ids of a comma-separated list of hex ids, in order; what does not parse is skipped.
    static func ids(_ list: String?) -> [DeviceID] {
        (list ?? "").split(separator: ",").compactMap { DeviceID(hex: String($0)) }
    }

    /// The devices whose retirement setting displays `yes`.
    public static func retired(in store: Store) throws -> Set<DeviceID> {
        var out = Set<DeviceID>()
        for (key, value) in try store.settingValues() where key.hasPrefix(keyPrefix) && value == retiredValue {
            if let d = DeviceID(hex: String(key.dropFirst(keyPrefix.count))), d.hex == String(key.dropFirst(keyPrefix.count)) { out.insert(d) }
        }
        return out
    }
}
