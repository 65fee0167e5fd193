import TouchbaseStore
import Foundation

/// Setting up Touchbase on a device.
extension Workspace {
    /// Creates this device's workspace: the data directory (and missing parents; the directory made
    /// readable by its owner only, `0700`), an empty database with a new random device id, and the
    /// device's signing key next to it. With `folder`, the shared folder is chosen too.
    ///
    /// A failed creation leaves no directory or file behind that was not there before.
    ///
    /// - parameters:
    ///   - directory: the data directory.
    ///   - deviceName: shown in history and to the other devices; surrounding white space is removed.
    ///   - folder: the shared folder to sync through (optional; it must exist).
    ///   - environment: the clock and randomness (fixed ones in tests).
    /// - throws: ``WorkspaceError`` `emptyValue` (field `deviceName`); the Store's `alreadyInitialized` error
    ///   when the directory already holds a database (left untouched); ``SyncError/folderMissing(_:)``.
    public static func create(directory: URL, deviceName: String, folder: String? = nil,
                              environment: WorkspaceEnvironment = .live) throws -> Workspace {
        let name = deviceName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw WorkspaceError(.emptyValue, field: "deviceName") }
        let database = databaseURL(in: directory).path
        var created = CreatedPaths()
        do {
            try created.makeDirectory(directory)
            if !FileManager.default.fileExists(atPath: database) {
                // Its companions only when the database is new: an existing one keeps everything.
                created.expect([database, database + "-wal", database + "-shm", database + "-journal"])
            }
            created.expect([DeviceKeyFile.path(nextTo: database)])
            let store = try Store.create(at: database, deviceName: name, environment: environment)
            try DeviceKeyFile.loadOrCreate(for: store)
            let workspace = Workspace(store: store, directory: directory)
            if let folder { try workspace.chooseFolder(folder) }
            return workspace
        } catch {
            created.removeAll()
            throw error
        }
    }
}
