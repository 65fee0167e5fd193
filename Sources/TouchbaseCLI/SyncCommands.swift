import ArgumentParser

extension Touchbase {
    /// Sync through the shared folder: sync, conflicts, resolve, devices, device rekey, key change, snapshot.
    static let syncCommands: [ParsableCommand.Type] = [Sync.self, Conflicts.self, Resolve.self, Devices.self, DeviceCommand.self, KeyCommand.self, SnapshotCommand.self]
}
