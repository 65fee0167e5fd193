import Foundation
import Testing
@testable import TouchbaseInterop

@Suite("File helpers")
struct InteropFilesTests {
    /// A fresh temporary directory, removed by the caller.
    private func makeDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func readsADirectoryOfVCards() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "BEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n".write(to: dir.appendingPathComponent("b.VCF"), atomically: true, encoding: .utf8)
        try "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n".write(to: dir.appendingPathComponent("a.vcf"), atomically: true, encoding: .utf8)
        try "ignored".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "ignored".write(to: dir.appendingPathComponent(".hidden.vcf"), atomically: true, encoding: .utf8)
        let files = try InteropFiles.readVCardDirectory(atPath: dir.path)
        #expect(files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.vcf", "b.VCF"])
        let names = try files.flatMap { try VCardReader.parse(text: $0.text).cards.map(\.name) }
        #expect(names == ["A", "B"])
    }

    @Test func readErrorsAreClear() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("missing.csv").path
        #expect(throws: InteropError.unreadableFile(path: missing, reason: "no such file or directory")) {
            try InteropFiles.readText(atPath: missing)
        }
        #expect(throws: InteropError.unreadableFile(path: dir.path, reason: "it is a directory")) {
            try InteropFiles.readText(atPath: dir.path)
        }
        let binary = dir.appendingPathComponent("photo.csv")
        try Data([0x47, 0x49, 0x46, 0x0A, 0x00]).write(to: binary)
        #expect(throws: InteropError.binaryContent(line: 2)) { try InteropFiles.readText(atPath: binary.path) }
    }
}
