import Foundation
import Testing
import TouchbaseExchange

/// The Python reference reader sizes a file before reading it: a file larger than the largest valid
/// file of its kind is refused as tooLarge without being read whole. The big files here are sparse,
/// so they cost no disk; a reader that read them would take seconds and gigabytes (and runs out of
/// the address space the reader gets here).
@Suite struct ReferenceReaderSizeTests {
    /// Runs the reader on `file` (and a key file) with at most 768 MiB of address space, so a reader
    /// that read a big file whole would fail with a MemoryError; returns (status, output, seconds).
    static func run(_ file: String, keyFile: String? = nil) throws -> (Int32, String, Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 786432 && exec \"$0\" \"$@\"", ReferenceReaderTests.python!,
                             ProtocolVectorTests.repository.appendingPathComponent("Protocol/reference/touchbase_reader.py").path, file]
            + (keyFile.map { ["--key-file", $0, "--passphrase", "x"] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let start = ContinuousClock.now
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        return (process.terminationStatus, text, Double(elapsed.components.seconds))
    }

    /// A sparse file of `size` bytes that starts with `head`.
    static func sparse(_ folder: TestFolder, _ name: String, head: [UInt8], size: UInt64) throws -> String {
        try folder.write(name, head)
        let handle = try FileHandle(forWritingTo: folder.url(name))
        try handle.truncate(atOffset: size)
        try handle.close()
        return folder.path + "/" + name
    }

    /// The header of the good ack vector: a valid ack header.
    static func ackHeader() throws -> [UInt8] {
        Array(try ProtocolVectorTests.read("good/ack.tba").prefix(ExchangeHeader.baseLength))
    }

    @Test(.enabled(if: ReferenceReaderTests.python != nil, "python3 is not installed"))
    func aFileLargerThanAnyValidFileIsRefusedUnread() throws {
        let folder = try TestFolder("reader-size")
        let limits = ExchangeLimits.default
        let path = try Self.sparse(folder, "huge.tbs", head: try Self.ackHeader(), size: limits.maxFileSize(.snapshot) + 1)
        let (status, text, seconds) = try Self.run(path)
        #expect(status == 2, "\(text)")
        #expect(text.contains("tooLarge"), "\(text)")
        #expect(seconds < 10)
    }

    @Test(.enabled(if: ReferenceReaderTests.python != nil, "python3 is not installed"))
    func anAckLargerThanTheLargestAckIsRefusedBeforeItsPayloadIsRead() throws {
        let folder = try TestFolder("reader-size")
        let limit = ExchangeLimits.default.maxFileSize(.ack)
        let path = try Self.sparse(folder, "big.tba", head: try Self.ackHeader(), size: limit + 1)
        let (status, text, _) = try Self.run(path)
        #expect(status == 2, "\(text)")
        #expect(text.contains("tooLarge") && text.contains("ack"), "\(text)")
        // At the limit the size check passes and full verification decides (here: a length mismatch).
        let atLimit = try Self.sparse(folder, "limit.tba", head: try Self.ackHeader(), size: limit)
        let (_, textAtLimit, _) = try Self.run(atLimit)
        #expect(textAtLimit.contains("lengthMismatch"), "\(textAtLimit)")
    }

    @Test(.enabled(if: ReferenceReaderTests.python != nil, "python3 is not installed"))
    func aHugeKeyFileIsRefusedUnread() throws {
        let folder = try TestFolder("reader-size")
        let key = try ProtocolVectorTests.read("good/touchbase-folder.key")
        let keyPath = try Self.sparse(folder, FolderKey.fileName, head: key, size: 3 << 30)
        let file = ProtocolVectorTests.vectors.appendingPathComponent("good/changes-encrypted.tbc").path
        let (status, text, seconds) = try Self.run(file, keyFile: keyPath)
        #expect(status == 2, "\(text)")
        #expect(text.contains("badKeyFile"), "\(text)")
        #expect(seconds < 10)
    }
}
