import Foundation
import Testing
@testable import TouchbaseExchange
import TouchbaseCore
import TouchbaseTestSupport

/// A real temporary directory, removed when the test is done with it.
final class TestFolder {
    let path: String

    init(_ label: String = "folder") throws {
        path = NSTemporaryDirectory() + "tbx-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        chmod(path, 0o755)
        if let items = FileManager.default.enumerator(atPath: path) {
            for case let item as String in items { chmod(path + "/" + item, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The folder as device A sees it: signing with A's key, trusting the keys of A, B and C.
    var folder: SharedFolder { folder(signedBy: Sample.deviceA) }

    /// The folder as `device` writes it, trusting the keys of A, B and C.
    func folder(signedBy device: DeviceID) -> SharedFolder {
        SharedFolder(path: path).signing(with: Sample.key(device)).trusting(Sample.pins)
    }

    func url(_ relative: String) -> URL { URL(fileURLWithPath: path + "/" + relative) }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let u = url(relative)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: u)
    }

    func read(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relative))) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }

    /// Every path below the folder, relative, sorted.
    func allPaths() -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
    }
}

/// Deterministic Changes for tests.
enum Sample {
    static let deviceA = Fixtures.device(0xA)
    static let deviceB = Fixtures.device(0xB)
    static let deviceC = Fixtures.device(0xC)
    static let baseHLC = HLC(milliseconds: 1_767_603_600_000, counter: 0)

    /// A fixed signing key per device (its seed: SHA-256 of the device id).
    static func key(_ device: DeviceID) -> DeviceSigningKey {
        try! DeviceSigningKey(seed: SHA256Digest.hash(device.raw.bytes))
    }

    /// Pins for devices A, B and C.
    static let pins = KeyPins([deviceA: key(deviceA).publicKey, deviceB: key(deviceB).publicKey, deviceC: key(deviceC).publicKey])

    /// `count` Changes of `device` from `first`, each putting a couple of fields.
    static func changes(_ device: DeviceID = deviceA, first: UInt64 = 1, count: Int = 3, salt: String = "") -> [Change] {
        (0..<count).map { i in
            let seq = first + UInt64(i)
            let record = Fixtures.record(seq % 7)
            return Change(device: device, seq: seq, hlc: HLC(raw: baseHLC.raw + seq << 16),
                          deps: VersionVector([deviceB: seq / 2]),
                          ops: [Op(entity: "contact", record: record, field: "name", value: .text("Person \(seq)\(salt)")),
                                Op(entity: "contact", record: record, field: "email", value: .texts(["p\(seq)@example.com"]))])
        }
    }
}

/// Runs `body` and checks that it throws an ``ExchangeError`` with `code`; returns the error.
@discardableResult
func expectError<T>(_ code: ExchangeError.Code, sourceLocation: SourceLocation = #_sourceLocation,
                    _ body: () throws -> T) -> ExchangeError? {
    do {
        _ = try body()
        Issue.record("expected \(code), nothing was thrown", sourceLocation: sourceLocation)
    } catch let e as ExchangeError {
        #expect(e.code == code, "\(e)", sourceLocation: sourceLocation)
        return e
    } catch {
        Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
