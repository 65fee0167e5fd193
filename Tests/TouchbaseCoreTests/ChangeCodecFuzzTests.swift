import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// Hostile input for the Change-batch and single-value encodings that does not depend on the byte
/// layout: corruptions of valid encodings must throw `CodecError` or decode to Changes that
/// re-encode stably, and must never trap or allocate for a declared size the input cannot hold.
@Suite struct ChangeCodecFuzzTests {
    static let maxVarint: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
    static let big: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]   // 2^32 - 1

    /// A few Changes from three devices using every value kind.
    static var batch: [Change] {
        let d = (1...3).map { Fixtures.device(UInt64($0)) }
        let values: [Value] = [.null, .bool(true), .int(-5), .text("Ada"), .date(CalendarDate(year: 2024, month: 2, day: 29)!),
                               .date(CalendarDate(year: nil, month: 3, day: 1)!), .ref(Fixtures.record(9)), .texts(["a", "bc"]),
                               .refs([Fixtures.record(1), Fixtures.record(8)]), .unknown(tag: 0x41, bytes: [1, 2, 3])]
        return [
            Change(device: d[0], seq: 1, hlc: HLC(milliseconds: 1_767_603_600_000, counter: 0), deps: VersionVector(),
                   ops: values.enumerated().map { Op(entity: "contact", record: Fixtures.record(UInt64($0.offset % 3)), field: "f\($0.offset)", value: $0.element) }),
            Change(device: d[1], seq: 7, hlc: HLC(milliseconds: 1_767_603_500_000, counter: 3), deps: VersionVector([d[0]: 1, d[2]: 4]),
                   ops: [Op(entity: "x-future", record: Fixtures.record(2), field: "deleted", value: .bool(true))]),
            Change(device: d[0], seq: 2, hlc: HLC(milliseconds: 1_767_603_600_001, counter: 0), deps: VersionVector([d[1]: 7]), ops: []),
        ]
    }

    static func expectStable(_ bytes: [UInt8], _ what: @autoclosure () -> String) {
        do {
            let decoded = try ChangeCodec.decode(bytes)
            #expect(decoded.allSatisfy { $0.seq >= 1 }, "\(what()): decoded a sequence number 0")
            let again = try ChangeCodec.decode(ChangeCodec.encode(decoded))
            #expect(again == decoded, "\(what()): decoded Changes do not re-encode stably")
        } catch is CodecError {
        } catch {
            Issue.record("\(what()): threw \(error), not a CodecError")
        }
    }

    @Test func fixtureRoundTrips() throws {
        #expect(try ChangeCodec.decode(ChangeCodec.encode(Self.batch)) == Self.batch)
    }

    /// Wherever a count or length sits in the layout, a huge varint in its place must be refused
    /// by the bytes-left checks rather than allocated.
    @Test func hugeVarintReplacingEveryByte() {
        let bytes = ChangeCodec.encode(Self.batch)
        for i in bytes.indices {
            for huge in [Self.big, Self.maxVarint] {
                Self.expectStable(Array(bytes[..<i]) + huge + Array(bytes[(i + 1)...]), "huge varint at \(i)")
            }
        }
    }

    @Test func hugeVarintInsertedAtEveryOffset() {
        let bytes = ChangeCodec.encode(Self.batch)
        for i in 1...bytes.count {
            Self.expectStable(Array(bytes[..<i]) + Self.big + Array(bytes[i...]), "huge varint inserted at \(i)")
        }
    }

    @Test func randomCorruptions() {
        var g = SeededGenerator(seed: 47)
        let bytes = ChangeCodec.encode(Self.batch)
        for n in 0..<3_000 {
            var b = bytes
            switch Int.random(in: 0..<3, using: &g) {
            case 0:
                for _ in 0..<Int.random(in: 1...4, using: &g) { b[Int.random(in: 1..<b.count, using: &g)] = UInt8.random(in: 0...255, using: &g) }
            case 1:
                let at = Int.random(in: 1..<b.count, using: &g)
                b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...8, using: &g)))
            default:
                let at = Int.random(in: 1...b.count, using: &g)
                b.insert(contentsOf: (0..<Int.random(in: 1...8, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }, at: at)
            }
            Self.expectStable(b, "corruption \(n)")
        }
    }

    @Test("Structural faults in a single value are errors", arguments: [
        [0x09], [0x3F],                                // reserved value tags
        [0x05, 0xE7, 0x0F, 2, 29],                     // 2023-02-29
        [0x05, 0xE8, 0x0F, 13, 1],                     // month 13
        [0x05, 0xE8, 0x0F, 0, 1],                      // month 0
        [0x05, 0xE8, 0x0F, 1, 0],                      // day 0
        [0x05, 0x90, 0x4E, 1, 1],                      // year 10000
        [0x05, 0x00, 2, 30],                           // --02-30
        [0x04, 0x02, 0xC3, 0x28],                      // invalid UTF-8
        [0x07, 0x01, 0x01, 0xFF],                      // invalid UTF-8 in a list
        [0x07] + big, [0x04] + big, [0x41] + big, [0x41] + maxVarint, [0x08] + big,
        [0x03] + [UInt8](repeating: 0x80, count: 10) + [0],   // varint longer than 10 bytes
    ])
    func malformedValue(_ bytes: [UInt8]) {
        #expect(throws: CodecError.self) { try Value(encodedBytes: bytes) }
    }

    @Test func valueDates() throws {
        #expect(try Value(encodedBytes: [0x05, 0xE8, 0x0F, 2, 29]) == .date(CalendarDate(year: 2024, month: 2, day: 29)!))
        #expect(try Value(encodedBytes: [0x05, 0x00, 2, 29]) == .date(CalendarDate(year: nil, month: 2, day: 29)!))
    }
}
