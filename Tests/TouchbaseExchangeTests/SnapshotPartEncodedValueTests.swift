import Testing
import TouchbaseCore
@testable import TouchbaseExchange
import TouchbaseTestSupport

/// A decoded snapshot part hands each single value's bytes on as read, so a loader stores them
/// without encoding the value again. They must be exactly the value's ``Value/encodedBytes``:
/// bytes the decoder accepts but that are longer (overlong varints) are not handed on.
@Suite struct SnapshotPartEncodedValueTests {
    static func randomValue(_ rng: inout SeededGenerator) -> Value {
        func text() -> String {
            let pieces = ["", "a", "Ada", "é", "☃", "😀", " ", String(repeating: "x", count: 130)]
            return (0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
        switch Int.random(in: 0...9, using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2:
            let bits = Int64.random(in: 0...63, using: &rng)
            let magnitude = Int64.random(in: 0...Int64.max, using: &rng) >> bits
            return .int(Bool.random(using: &rng) ? magnitude : -magnitude - Int64.random(in: 0...1, using: &rng))
        case 3: return .text(text())
        case 4:
            let year: Int? = Bool.random(using: &rng) ? nil : [1, 127, 128, 2026, 9999].randomElement(using: &rng)!
            return .date(CalendarDate(year: year, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!)
        case 5: return .ref(Fixtures.record(UInt64.random(in: 0...UInt64.max, using: &rng)))
        case 6: return .texts((0..<Int.random(in: 0...3, using: &rng)).map { _ in text() })
        case 7: return .refs((0..<Int.random(in: 0...200, using: &rng)).map { _ in Fixtures.record(UInt64.random(in: 1...9, using: &rng)) })
        default:
            return .unknown(tag: UInt8.random(in: 0x40...0xFF, using: &rng),
                            bytes: (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        }
    }

    @Test func theCountedLengthIsTheEncodingsLength() {
        var rng = SeededGenerator(seed: 0xC0DE)
        var values: [Value] = [.int(0), .int(-1), .int(63), .int(-64), .int(64), .int(-65), .int(.max), .int(.min), .text(String(repeating: "y", count: 127)),
                               .text(String(repeating: "y", count: 128)), .texts([]), .refs([]), .unknown(tag: 0x40, bytes: [])]
        for _ in 0..<5_000 { values.append(Self.randomValue(&rng)) }
        for v in values {
            #expect(v.encodedByteCount == v.encodedBytes.count, "\(v)")
        }
    }

    @Test func aDecodedPartCarriesEverySingleValuesEncoding() throws {
        var rng = SeededGenerator(seed: 0x5A17)
        var records: [SnapshotRecord] = []
        for i in 0..<400 {
            var fields: [SnapshotRecord.Field] = []
            for (k, name) in ["a", "b", "c", "d"].enumerated() where Bool.random(using: &rng) {
                let n = Int.random(in: 0..<5, using: &rng) == 0 ? 2 : 1
                let values = (0..<n).map { j in
                    RegisterValue(dot: Dot(device: Fixtures.device(UInt64(j + 1)), seq: UInt64(i * 10 + k + 1)),
                                  hlc: HLC(raw: UInt64.random(in: 1...UInt64.max, using: &rng)), value: Self.randomValue(&rng))
                }
                fields.append(SnapshotRecord.Field(name: name, values: values))
            }
            records.append(SnapshotRecord(entity: "contact", id: Fixtures.record(UInt64(i + 1)), fields: fields))
        }
        let part = SnapshotPart(records: records)
        let decoded = try SnapshotPart.decode(part.payload)
        #expect(decoded == part)
        var carried = 0
        for record in decoded.records {
            for f in record.fields {
                if f.values.count == 1 {
                    #expect(f.encodedValue.map(Array.init) == f.values[0].value.encodedBytes, "\(f.values[0].value)")
                    carried += 1
                } else {
                    #expect(f.encodedValue == nil)
                }
            }
        }
        #expect(carried > 500)
    }

    /// A value whose bytes hold an overlong varint decodes to the same value, but its bytes are
    /// not its encoding: the loader must encode it, so nothing is carried.
    @Test func overlongBytesAreNotCarried() throws {
        func payload(_ valueBytes: [UInt8]) -> [UInt8] {
            var w = ByteWriter()
            w.varint(2)
            w.string("contact")
            w.string("name")
            w.varint(1)
            w.raw(Fixtures.device(1).raw.bytes)
            w.varint(1)  // one record
            w.varint(0)
            w.raw(Fixtures.record(1).raw.bytes)
            w.byte(0)
            w.varint(0)  // no conflicts
            w.varint(1)  // one field
            w.varint(1)
            w.varint(1)  // one value
            w.varint(0)
            w.varint(1)
            w.varint(7)
            w.varint(UInt64(valueBytes.count))
            w.raw(valueBytes)
            w.byte(0)
            return w.bytes
        }
        let canonical = try SnapshotPart.decode(payload([0x04, 0x03, 0x41, 0x64, 0x61])).records[0].fields[0]
        #expect(canonical.values[0].value == .text("Ada"))
        #expect(canonical.encodedValue.map(Array.init) == [0x04, 0x03, 0x41, 0x64, 0x61])
        // The length 3 written in two bytes, and an int 1 in three.
        for (bytes, value) in [([UInt8](arrayLiteral: 0x04, 0x83, 0x00, 0x41, 0x64, 0x61), Value.text("Ada")), ([0x03, 0x82, 0x80, 0x00], .int(1))] {
            let field = try SnapshotPart.decode(payload(bytes)).records[0].fields[0]
            #expect(field.values[0].value == value)
            #expect(field.encodedValue == nil)
        }
    }

    @Test func changingTheValuesForgetsTheCarriedBytes() throws {
        var record = SnapshotRecord(entity: "contact", id: Fixtures.record(1), fields: [SnapshotRecord.Field(name: "name", values: [
            RegisterValue(dot: Dot(device: Fixtures.device(1), seq: 1), hlc: HLC(raw: 5), value: .text("Ada"))])])
        var field = try SnapshotPart.decode(SnapshotPart(records: [record]).payload).records[0].fields[0]
        #expect(field.encodedValue != nil)
        field.values[0].value = .text("Grace")
        #expect(field.encodedValue == nil)
        record.fields[0] = field
        #expect(record.fields[0].values[0].value == .text("Grace"))
    }
}
