import Foundation
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Workspaces on real databases in a temporary directory, on a shared test clock.
final class KitFixture: @unchecked Sendable {
    let dir: URL
    let clock = TestClock()

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tb-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    /// A new workspace named `name` whose device is `Fixtures.device(device)`.
    func make(_ name: String = "phone", device: UInt64 = 1) throws -> Workspace {
        let clock = self.clock
        let env = StoreEnvironment(now: { clock.now },
                                   makeRecordID: { var g = SystemRandomNumberGenerator(); return .random(using: &g) },
                                   makeDeviceID: { Fixtures.device(device) })
        let home = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let store = try Store.create(at: Workspace.databaseURL(in: home).path, deviceName: name, environment: env)
        return Workspace(store: store, directory: home)
    }

    /// Copies every change `from` has that `to` lacks (a sync without a folder).
    func exchange(_ from: Workspace, _ to: Workspace) throws {
        let have = try to.store.version()
        for (device, _) in try from.store.version().sorted {
            _ = try to.store.apply(try from.store.changes(of: device, after: have[device]))
        }
    }

    func cleanup() { try? FileManager.default.removeItem(at: dir) }
}
