import Foundation
import TouchbaseKit

/// One device of the example: its workspace and the shared folder it syncs through.
struct Device {
    /// Shown in the narrative ("phone", "laptop").
    let name: String
    let workspace: Workspace
    let folder: SyncFolder

    /// Creates the device's workspace in `directory` on the shared folder `shared`.
    init(name: String, number: UInt64, directory: URL, shared: URL, world: FixedWorld) throws {
        self.name = name
        workspace = try Workspace.create(directory: directory, deviceName: name, folder: shared.path,
                                         environment: world.environment(device: number))
        // The example's folder is not encrypted, so no passphrase is ever asked for.
        folder = try workspace.openFolder { _ in nil }
    }

    /// Syncs with the folder and says what arrived.
    @discardableResult
    func sync() async throws -> SyncReport {
        let report = try await workspace.sync(folder)
        let imported = report.imported.values.reduce(0, +)
        say("synced: \(imported) change(s) in, \(report.published) out, \(report.openConflicts) open conflict(s)")
        return report
    }

    /// One line of the narrative, prefixed with the device's name.
    func say(_ line: String) { print("\(name): \(line)") }
}
