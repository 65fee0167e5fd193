import Foundation
import TouchbaseKit

// A phone app's day on two devices, through the client kit's public API only.
// Runs in a temporary directory that is removed afterwards; exits 0 when every step held.
let root = FileManager.default.temporaryDirectory.appendingPathComponent("touchbase-phone-day-\(UUID().uuidString)")
let exitCode: Int32
do {
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try await runPhoneDay(in: root)
    print("phone day done")
    exitCode = 0
} catch {
    FileHandle.standardError.write(Data("phone day failed: \(error)\n".utf8))
    exitCode = 1
}
try? FileManager.default.removeItem(at: root)
exit(exitCode)
