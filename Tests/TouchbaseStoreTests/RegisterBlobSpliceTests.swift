import Testing
import TouchbaseCore
@testable import TouchbaseStore
import TouchbaseTestSupport

/// A record read by key keeps its stored register bytes, and writing it back encodes only the
/// fields written since (``RegisterBlob/splice(_:changed:registers:into:scratch:index:)``). On
/// random records and random writes (values changed, fields added, fields emptied) the spliced
/// bytes must be exactly the full encoding, and decode to the new registers.
@Suite struct RegisterBlobSpliceTests {
    static let devices = (1...4).map { Fixtures.device(UInt64($0)) }
    static func index(_ d: DeviceID) throws -> Int64 { Int64(devices.firstIndex(of: d)! + 1) }
    static func device(_ i: Int64) throws -> DeviceID { devices[Int(i) - 1] }

    static func randomRegister(_ rng: inout SeededGenerator) -> Register {
        var values: [RegisterValue] = []
        for d in devices where Int.random(in: 0...3, using: &rng) == 0 || values.isEmpty && d == devices.last {
            let value: Value = switch Int.random(in: 0...4, using: &rng) {
            case 0: .text(String(repeating: "w", count: Int.random(in: 0...40, using: &rng)))
            case 1: .int(Int64.random(in: -9_999...9_999, using: &rng))
            case 2: .ref(Fixtures.record(UInt64.random(in: 1...5, using: &rng)))
            case 3: .bool(Bool.random(using: &rng))
            default: .refs([Fixtures.record(1), Fixtures.record(UInt64.random(in: 2...5, using: &rng))])
            }
            values.append(RegisterValue(dot: Dot(device: d, seq: UInt64.random(in: 1...300, using: &rng)),
                                        hlc: HLC(raw: UInt64.random(in: 0...UInt64.max, using: &rng)), value: value))
        }
        return Register(values: values)
    }

    static let names = ["ask", "birthday", "deleted", "email", "mergedInto", "name", "notes", "offer", "stage", "tags", "zeta"]

    @Test func aSpliceWritesTheFullEncoding() throws {
        var rng = SeededGenerator(seed: 0xB10B_5B1C)
        var spliced = 0, emptied = 0, added = 0
        for _ in 0..<2_000 {
            var before: [String: Register] = [:]
            for name in Self.names where Bool.random(using: &rng) { before[name] = Self.randomRegister(&rng) }
            let stored = try RegisterBlob.encode(before, index: Self.index)
            var after = before
            var changed = Set<String>()
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let name = Self.names.randomElement(using: &rng)!
                changed.insert(name)
                switch Int.random(in: 0...3, using: &rng) {
                case 0:
                    if after[name] != nil { emptied += 1 }
                    after[name] = nil
                case 1:
                    // Written, but to what it held: still re-encoded, the same bytes.
                    break
                default:
                    if after[name] == nil { added += 1 }
                    after[name] = Self.randomRegister(&rng)
                }
            }
            var w = ByteWriter(), scratch = ByteWriter()
            try RegisterBlob.splice(stored, changed: changed, registers: after, into: &w, scratch: &scratch, index: Self.index)
            let full = try RegisterBlob.encode(after, index: Self.index)
            #expect(w.bytes == full, "\(changed) of \(before.keys.sorted())")
            #expect(try RegisterBlob.decode(w.bytes, device: Self.device) == after)
            spliced += 1
        }
        #expect(spliced == 2_000 && emptied > 200 && added > 200)
    }

    @Test func storedFieldsOutOfOrderAreEncodedInFull() throws {
        let a = Register(values: [RegisterValue(dot: Dot(device: Self.devices[0], seq: 1), hlc: HLC(raw: 5), value: .text("A"))])
        let b = Register(values: [RegisterValue(dot: Dot(device: Self.devices[1], seq: 2), hlc: HLC(raw: 6), value: .text("B"))])
        // "notes" stored before "name": not the encoder's order.
        let stored = RegisterBlob.encode([("notes", [RegisterBlob.Entry(dev: 2, seq: 2, hlc: 6, value: Value.text("B").encodedBytes)])])
            .dropFirst() // the field count, written again below
        let name = RegisterBlob.encode([("name", [RegisterBlob.Entry(dev: 1, seq: 1, hlc: 5, value: Value.text("A").encodedBytes)])]).dropFirst()
        let swapped: [UInt8] = [2] + Array(stored) + Array(name)
        let after = ["name": a, "notes": b, "stage": a]
        var w = ByteWriter(), scratch = ByteWriter()
        try RegisterBlob.splice(swapped, changed: ["stage"], registers: after, into: &w, scratch: &scratch, index: Self.index)
        #expect(w.bytes == (try RegisterBlob.encode(after, index: Self.index)))
    }

    @Test func aDamagedStoredRowIsReportedNotCopied() throws {
        let a = Register(values: [RegisterValue(dot: Dot(device: Self.devices[0], seq: 1), hlc: HLC(raw: 5), value: .text("A"))])
        let stored = try RegisterBlob.encode(["name": a, "notes": a], index: Self.index)
        var w = ByteWriter(), scratch = ByteWriter()
        #expect(throws: (any Error).self) {
            try RegisterBlob.splice(Array(stored.dropLast()), changed: ["name"], registers: ["name": a, "notes": a], into: &w, scratch: &scratch, index: Self.index)
        }
        #expect(throws: (any Error).self) {
            try RegisterBlob.splice(stored + [0], changed: ["name"], registers: ["name": a, "notes": a], into: &w, scratch: &scratch, index: Self.index)
        }
    }
}
