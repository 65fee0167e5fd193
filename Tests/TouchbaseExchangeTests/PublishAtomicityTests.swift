import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore

/// Publishing is atomic: no file appears under a real name until it is complete, and a failed write
/// (read-only folder, full disk) leaves nothing behind but a clear error.
@Suite struct PublishAtomicityTests {
    static func failing(_ step: WriteStep, with code: Int32) -> FaultInjector {
        { s, _ in s == step ? code : nil }
    }

    @Test(arguments: [WriteStep.makeDirectory, .create, .write, .fsync, .install])
    func aFailedPublishLeavesNoFile(step: WriteStep) throws {
        let t = try TestFolder()
        var folder = t.folder
        folder.faults = Self.failing(step, with: ENOSPC)
        let error = expectError(.writeFailed) { try folder.publish(Sample.changes(count: 3)) }
        #expect(error?.errorDescription?.contains("No space left") == true)
        #expect(error?.file == "changes/\(Sample.deviceA.hex)/1-3.tbc")
        #expect(t.allPaths().allSatisfy { !$0.hasSuffix(".tbc") && !$0.contains("/.") }, "\(t.allPaths())")
        // The next attempt, with space again, publishes normally.
        try t.folder.publish(Sample.changes(count: 3))
        #expect(try t.folder.readChanges(ChangeFileEntry(device: Sample.deviceA, first: 1, last: 3)) == Sample.changes(count: 3))
    }

    @Test(arguments: [WriteStep.create, .write, .fsync, .install])
    func aFailedRewriteKeepsThePreviousAck(step: WriteStep) throws {
        let t = try TestFolder()
        let old = Ack(device: Sample.deviceA, applied: VersionVector([Sample.deviceA: 1]), writtenAt: 1)
        try t.folder.writeAck(old)
        var folder = t.folder
        folder.faults = Self.failing(step, with: EIO)
        expectError(.writeFailed) { try folder.writeAck(Ack(device: Sample.deviceA, applied: VersionVector([Sample.deviceA: 2]), writtenAt: 2)) }
        #expect(try t.folder.readAck(of: Sample.deviceA) == old)
        #expect(t.allPaths() == ["acks", "acks/\(Sample.deviceA.hex).tba"])
    }

    @Test func aReadOnlyFolderGivesAClearError() throws {
        let t = try TestFolder()
        try t.folder.publish(Sample.changes(count: 1))
        var folder = t.folder
        // A real read-only folder where permissions bind (not as root); a read-only file system otherwise.
        if geteuid() != 0 {
            chmod(t.path + "/changes/\(Sample.deviceA.hex)", 0o555)
            chmod(t.path + "/changes", 0o555)
            chmod(t.path, 0o555)
        } else {
            folder.faults = { step, _ in step == .create || step == .makeDirectory ? EROFS : nil }
        }
        let error = expectError(.writeFailed) { try folder.publish(Sample.changes(first: 2, count: 1)) }
        #expect(error?.errorDescription?.contains("nothing was published") == true)
        expectError(.writeFailed) { try folder.writeAck(Ack(device: Sample.deviceA, applied: VersionVector(), writtenAt: 0)) }
        // Reading still works.
        #expect(try folder.scan().changeFiles.count == 1)
        #expect(try folder.readChanges(ChangeFileEntry(device: Sample.deviceA, first: 1, last: 1)).count == 1)
        #expect(t.allPaths().filter { $0.hasSuffix(".tbc") || $0.contains("/.") } == ["changes/\(Sample.deviceA.hex)/1-1.tbc"])
    }

    @Test func aConcurrentReaderNeverSeesAPartialFile() async throws {
        let t = try TestFolder()
        let folder = t.folder
        let batches = 40, perBatch = 400
        let writer = Task.detached {
            for b in 0..<batches {
                try folder.publish(Sample.changes(first: UInt64(b * perBatch + 1), count: perBatch, salt: String(repeating: "x", count: b)))
            }
        }
        var verified = 0
        var done = false
        while !done {
            done = writer.isCancelled || (try? folder.scan().changeFiles.count) == batches
            for entry in try folder.scan().changeFiles {
                // A name that exists always holds a complete, valid file.
                #expect(try folder.readChanges(entry).count == perBatch)
                verified += 1
            }
        }
        try await writer.value
        #expect(verified >= batches)
        #expect(t.allPaths().allSatisfy { !($0.split(separator: "/").last ?? "").hasPrefix(".") })
    }
}
