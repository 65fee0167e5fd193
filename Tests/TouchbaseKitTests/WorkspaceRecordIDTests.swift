import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

@Suite struct WorkspaceRecordIDTests {
    @Test("A new contact's id carries its device's bytes and the time it was made")
    func newContactId() throws {
        let fixture = try KitFixture()
        defer { fixture.cleanup() }
        let now: UInt64 = 1_772_442_000_000
        var env = StoreEnvironment.live
        env.now = { now }
        let home = fixture.dir.appendingPathComponent("laptop")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let store = try Store.create(at: Workspace.databaseURL(in: home).path, deviceName: "laptop", environment: env)
        let kit = Workspace(store: store, directory: home)
        let ada = try kit.addContact(ContactDraft(name: "Ada Lovelace")).contact.id
        let alan = try kit.addContact(ContactDraft(name: "Alan Turing")).contact.id
        let device = try store.device.raw.bytes
        #expect(Array(ada.raw.bytes[4..<10]) == Array(device[0..<6]))
        #expect(Array(alan.raw.bytes[4..<10]) == Array(device[0..<6]))
        #expect(ada.raw.low & RecordIDGenerator.timeMask == now)
        #expect(alan.raw.low & RecordIDGenerator.timeMask == now + 1)
    }
}
