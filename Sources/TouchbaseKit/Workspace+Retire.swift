import Foundation
import TouchbaseStore
import TouchbaseSync

/// Retiring a lost device (Protocol/SPEC.md §3.7): garbage collection waits for every active
/// device's acknowledgement before a device removes its own files from the shared folder, so a
/// device that is gone for good would hold that back forever.
extension Workspace {
    /// Stops waiting for a lost device: no device waits for its acknowledgement any more (after
    /// the next sync carries this edit to them), and sync reports stop listing it as awaited. The
    /// retirement is an ordinary synced edit. Should the device come back, it re-seeds from a
    /// snapshot if it needs to, publishes what it did offline, and makes itself active again.
    ///
    /// - parameter query: the device's id in hex, a unique prefix of it (at least 4 digits), or its
    ///   name (ignoring case).
    /// - returns: the device, as it is now (retired).
    /// - throws: ``WorkspaceError`` `unknownDevice`, `ambiguousDevice`, `thisDevice`, `alreadyRetired`;
    ///   nothing is written then.
    @discardableResult
    public func retireDevice(_ query: String) throws -> DeviceSummary {
        let device = try findDevice(query)
        guard !device.isThisDevice else { throw WorkspaceError(.thisDevice) }
        guard !device.isRetired else { throw WorkspaceError(.alreadyRetired, detail: device.id.hex) }
        try store.commit(DeviceRetirement.retireOps(device.id))
        var retired = device
        retired.isRetired = true
        return retired
    }

    /// The known device an id, id prefix or name names.
    ///
    /// - throws: ``WorkspaceError`` `unknownDevice` or `ambiguousDevice`.
    public func findDevice(_ query: String) throws -> DeviceSummary {
        let text = query.trimmingCharacters(in: .whitespaces)
        let all = try devices()
        let hex = text.lowercased()
        var matches: [DeviceSummary] = []
        if hex.count >= 4, hex.count <= 32, hex.allSatisfy(\.isHexDigit) {
            matches = all.filter { $0.id.hex.hasPrefix(hex) }
        }
        if matches.isEmpty, !text.isEmpty {
            matches = all.filter { $0.name?.lowercased() == text.lowercased() }
        }
        guard let first = matches.first else { throw WorkspaceError(.unknownDevice) }
        guard matches.count == 1 else {
            throw WorkspaceError(.ambiguousDevice, detail: matches.map(\.id.hex).joined(separator: ","))
        }
        return first
    }
}
