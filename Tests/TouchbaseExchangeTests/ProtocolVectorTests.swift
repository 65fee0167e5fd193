import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore

/// Protocol/vectors: the committed files must be exactly what the code generates, and every one must
/// decode (good) or fail (bad) as the manifest says.
@Suite struct ProtocolVectorTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vectors = repository.appendingPathComponent("Protocol/vectors")

    static func read(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: vectors.appendingPathComponent(relative)))
    }

    @Test func committedVectorsAreWhatTheCodeGenerates() throws {
        let generated = try VectorGenerator.generate()
        if ProcessInfo.processInfo.environment["TOUCHBASE_WRITE_VECTORS"] == "1" {
            try? FileManager.default.removeItem(at: Self.vectors.appendingPathComponent("good"))
            try? FileManager.default.removeItem(at: Self.vectors.appendingPathComponent("bad"))
            for (path, bytes) in generated {
                let url = Self.vectors.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(try Self.read("manifest.json"))) as! [String: Any]
        let committedZlib = (manifest["generatedWith"] as? [String: Any])?["zlib"] as? String
        for (path, bytes) in generated.sorted(by: { $0.key < $1.key }) {
            let committed = try Self.read(path)
            if committed == bytes { continue }
            // Compressed bytes may differ with another zlib build; then the decoded content must agree.
            if committedZlib != Zlib.version, path != "manifest.json", !path.hasSuffix(".json") {
                continue
            }
            Issue.record("Protocol/vectors/\(path) differs from what the code generates (regenerate with TOUCHBASE_WRITE_VECTORS=1 and review)")
        }
    }

    @Test func everyVectorBehavesAsTheManifestSays() throws {
        let manifest = try JSONSerialization.jsonObject(with: Data(try Self.read("manifest.json"))) as! [String: Any]
        let good = manifest["good"] as! [[String: Any]]
        let bad = manifest["bad"] as! [[String: Any]]
        #expect(good.count >= 8)
        #expect(bad.count >= 20)
        for entry in good {
            let file = entry["file"] as! String
            let expected = String(decoding: try Self.read(entry["json"] as! String), as: UTF8.self)
            let opened = try Self.open(entry)
            let actual = try VectorJSON.file(opened).render() + "\n"
            try VectorJSON.checkPins(opened, try Self.pins(manifest))
            #expect(actual == expected, "\(file)")
        }
        for entry in bad {
            let file = entry["file"] as! String
            let code = entry["error"] as! String
            do {
                let opened = try Self.open(entry)
                _ = try VectorJSON.file(opened)
                try VectorJSON.checkPins(opened, try Self.pins(manifest))
                Issue.record("\(file) was accepted; expected \(code)")
            } catch let error as ExchangeError {
                #expect(error.code.rawValue == code, "\(file): \(error)")
            }
        }
    }

    static func open(_ entry: [String: Any], base: String = "", acceptUnsigned: Bool = false) throws -> ExchangeFile {
        var key: FolderKey?
        if let keyFile = entry["keyFile"] as? String {
            key = try FolderKey.unlock(keyFile: try read(base + keyFile), passphrase: entry["passphrase"] as! String)
        }
        return try ExchangeFile.open(try read(base + (entry["file"] as! String)), key: key, acceptUnsigned: acceptUnsigned)
    }

    /// The keys the manifest says a reader has pinned.
    static func pins(_ manifest: [String: Any]) throws -> KeyPins {
        var pins = KeyPins()
        for (device, key) in manifest["pinned"] as? [String: String] ?? [:] {
            pins[try #require(DeviceID(hex: device))] = try #require(DevicePublicKey(raw: VectorGenerator.bytes(hex: key)))
        }
        return pins
    }

    /// Format 1.0 (Protocol/vectors/v1, frozen): a 2.0 reader still verifies and decodes every good
    /// file exactly as 1.0 did when asked for unsigned files, refuses it as `unsigned` otherwise, and
    /// still rejects every bad one.
    @Test func formatOneVectorsStillDecodeButAreNeverTrusted() throws {
        let manifest = try JSONSerialization.jsonObject(with: Data(try Self.read("v1/manifest.json"))) as! [String: Any]
        #expect(manifest["format"] as? String == "1.0")
        for entry in manifest["good"] as! [[String: Any]] {
            let file = entry["file"] as! String
            let expected = String(decoding: try Self.read("v1/" + (entry["json"] as! String)), as: UTF8.self)
            let opened = try Self.open(entry, base: "v1/", acceptUnsigned: true)
            #expect(opened.header.major == 1 && opened.signer == nil)
            #expect(try VectorJSON.file(opened).render() + "\n" == expected, "\(file)")
            expectError(.unsigned) { try Self.open(entry, base: "v1/") }
            expectError(.unsigned) { try KeyPins().check(opened.header) }
        }
        for entry in manifest["bad"] as! [[String: Any]] where entry["error"] as? String != "newerMajorVersion" {
            let file = entry["file"] as! String
            do {
                _ = try VectorJSON.file(try Self.open(entry, base: "v1/", acceptUnsigned: true))
                Issue.record("v1/\(file) was accepted; expected \(entry["error"]!)")
            } catch let error as ExchangeError {
                #expect(error.code.rawValue == entry["error"] as? String, "v1/\(file): \(error)")
            }
        }
    }
}
