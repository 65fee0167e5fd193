import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// The Change-batch encoding: round trips, a pinned golden encoding, and hostile input that must
/// throw `CodecError` and never trap or allocate without bound.
@Suite struct ChangeCodecTests {
    static let d1 = Fixtures.device(1), d2 = Fixtures.device(2), d3 = Fixtures.device(3)

    /// Every value kind, including a kind from a newer version.
    static let allValues: [Value] = [
        .null, .bool(false), .bool(true), .int(0), .int(-1), .int(.max), .int(.min), .text(""), .text("Ada Lovelace"),
        .text("naïve 🚀 日本"), .date(CalendarDate(year: 2024, month: 2, day: 29)!), .date(CalendarDate(year: nil, month: 12, day: 31)!),
        .date(CalendarDate(year: 1, month: 1, day: 1)!), .date(CalendarDate(year: 9999, month: 12, day: 31)!),
        .ref(Fixtures.record(7)), .texts([]), .texts(["a@example.com", "", "b"]), .refs([]),
        .refs([Fixtures.record(8), Fixtures.record(1), Fixtures.record(8)]),
        .unknown(tag: 0x41, bytes: [0x00, 0xFF, 0x10]), .unknown(tag: 0x41, bytes: []), .unknown(tag: 0xFF, bytes: [1]),
    ]

    /// A batch exercising the delta coding: interleaved devices, deps that grow and shrink, stamps
    /// that go backwards, large sequence numbers, an empty Change, unknown entity and field names.
    static var richBatch: [Change] {
        var out: [Change] = []
        out.append(Change(device: d1, seq: 1, hlc: HLC(milliseconds: 1_767_603_600_000, counter: 0), deps: VersionVector(),
                          ops: allValues.enumerated().map { Op(entity: "contact", record: Fixtures.record(1), field: "f\($0.offset)", value: $0.element) }))
        out.append(Change(device: d2, seq: 40, hlc: HLC(milliseconds: 1_767_603_500_000, counter: 65_535),
                          deps: VersionVector([d1: 1, d3: 900]), ops: [
                            Op(entity: "x-future-entity", record: Fixtures.record(2), field: "x-future-field", value: .unknown(tag: 0x41, bytes: [7])),
                            Op(entity: "contact", record: Fixtures.record(2), field: "deleted", value: .bool(true)),
                          ]))
        out.append(Change(device: d1, seq: 2, hlc: HLC(raw: 5), deps: VersionVector([d2: 40]), ops: []))
        out.append(Change(device: d3, seq: UInt64.max, hlc: HLC(raw: .max), deps: VersionVector([d1: .max, d2: 1]),
                          ops: [Op(entity: "", record: Fixtures.record(3), field: "", value: .text("empty names"))]))
        out.append(Change(device: d2, seq: 41, hlc: HLC(raw: 0), deps: VersionVector(), ops: [
            Op(entity: "hub", record: Fixtures.record(4), field: "mergedInto", value: .ref(Fixtures.record(5))),
            Op(entity: "hub", record: Fixtures.record(4), field: "mergedInto", value: .null),
        ]))
        return out
    }

    @Test func emptyBatch() throws {
        let bytes = ChangeCodec.encode([])
        #expect(bytes == [ChangeCodec.version, 0, 0, 0, 0])
        #expect(try ChangeCodec.decode(bytes) == [])
    }

    @Test func richBatchRoundTrips() throws {
        let batch = Self.richBatch
        let bytes = ChangeCodec.encode(batch)
        #expect(try ChangeCodec.decode(bytes) == batch)
        #expect(ChangeCodec.encode(try ChangeCodec.decode(bytes)) == bytes)
    }

    @Test("Each value kind round trips", arguments: allValues)
    func valueKind(_ value: Value) throws {
        let c = Change(device: Self.d1, seq: 3, hlc: HLC(raw: 99), deps: VersionVector([Self.d2: 2]),
                       ops: [Op(entity: "contact", record: Fixtures.record(1), field: "name", value: value)])
        #expect(try ChangeCodec.decode(ChangeCodec.encode([c])) == [c])
    }

    @Test("Unknown entity and field names are preserved byte for byte")
    func unknownNames() throws {
        let c = Change(device: Self.d1, seq: 1, hlc: HLC(raw: 1), deps: VersionVector(), ops: [
            Op(entity: "widget-v9", record: Fixtures.record(1), field: "sprocket.count", value: .unknown(tag: 0x41, bytes: [1, 2, 3])),
        ])
        let back = try ChangeCodec.decode(ChangeCodec.encode([c]))
        #expect(back.first?.ops.first?.entity == "widget-v9")
        #expect(back.first?.ops.first?.field == "sprocket.count")
        #expect(back.first?.ops.first?.value == .unknown(tag: 0x41, bytes: [1, 2, 3]))
    }

    @Test("Random batches round trip")
    func randomBatches() throws {
        var g = SeededGenerator(seed: 31)
        for _ in 0..<200 {
            var batch: [Change] = []
            for _ in 0..<Int.random(in: 0..<6, using: &g) {
                var deps = VersionVector()
                for d in 1...3 where Bool.random(using: &g) { deps[Fixtures.device(UInt64(d))] = UInt64.random(in: 0..<1_000, using: &g) }
                let ops = (0..<Int.random(in: 0..<4, using: &g)).map { _ in
                    Op(entity: ["contact", "hub", "ü"].randomElement(using: &g)!, record: Fixtures.record(UInt64.random(in: 0..<4, using: &g)),
                       field: ["name", "deleted", "x"].randomElement(using: &g)!, value: Self.allValues.randomElement(using: &g)!)
                }
                batch.append(Change(device: Fixtures.device(UInt64.random(in: 1...3, using: &g)), seq: UInt64.random(in: 1...UInt64.max, using: &g),
                                    hlc: HLC(raw: g.next()), deps: deps, ops: ops))
            }
            #expect(try ChangeCodec.decode(ChangeCodec.encode(batch)) == batch)
        }
    }

    /// The encoding pinned byte for byte (Protocol/SPEC.md "Change batch"): version, name table,
    /// device table, record table, then the Change columns, the op columns and the value columns.
    @Test func goldenEncoding() throws {
        let c = Change(device: Self.d1, seq: 1, hlc: HLC(milliseconds: 1, counter: 0), deps: VersionVector(),
                       ops: [Op(entity: "contact", record: Fixtures.record(1), field: "name", value: .text("Ada"))])
        let expected: [UInt8] = [0x01]                                          // version
            + [0x02, 0x07] + Array("contact".utf8) + [0x04] + Array("name".utf8)   // 2 names
            + [0x01, 0, 0, 0, 0, 0, 0, 0, 0xD0, 0, 0, 0, 0, 0, 0, 0, 0x01]          // 1 device
            + [0x01, 0, 0, 0, 0, 0, 0, 0, 0xAA, 0, 0, 0, 0, 0, 0, 0, 0x01]          // 1 record
            + [0x01]                                                             // 1 change
            + [0x00, 0x00, 0x02, 0x00, 0x00, 0x01]   // device 0, seq 0+1+0, ms +1, counter 0, no dep deltas, 1 op
            + [0x00, 0x01, 0x04, 0x01]               // entity names[0], field names[1], tag text, record: new (next − 0 = 0)
            + [0x03] + Array("Ada".utf8)             // the texts column
        #expect(ChangeCodec.encode([c]) == expected)
        #expect(try ChangeCodec.decode(expected) == [c])
    }

    /// Two Changes: how each column is delta-coded, the record column's codes (new, same, back)
    /// and the value bodies grouped by kind: ints, dates, refs, texts.
    @Test func goldenColumns() throws {
        let r1 = Fixtures.record(1), r2 = Fixtures.record(2)
        let batch = [
            Change(device: Self.d1, seq: 1, hlc: HLC(milliseconds: 1000, counter: 0), deps: VersionVector(), ops: [
                Op(entity: "contact", record: r1, field: "name", value: .text("Ada")),
                Op(entity: "contact", record: r1, field: "cadence", value: .int(30)),
            ]),
            Change(device: Self.d1, seq: 2, hlc: HLC(milliseconds: 1500, counter: 2), deps: VersionVector([Self.d2: 7]), ops: [
                Op(entity: "membership", record: r2, field: "contact", value: .ref(r1)),
                Op(entity: "contact", record: r1, field: "birthday", value: .date(CalendarDate(year: 1815, month: 12, day: 10)!)),
                Op(entity: "contact", record: r1, field: "pinned", value: .bool(true)),
            ]),
        ]
        var names: [UInt8] = [0x06]
        for s in ["contact", "name", "cadence", "membership", "birthday", "pinned"] { names += [UInt8(s.utf8.count)] + Array(s.utf8) }
        let expected: [UInt8] = [0x01] + names
            + [0x02] + Self.d1.raw.bytes + Self.d2.raw.bytes
            + [0x02] + r1.raw.bytes + r2.raw.bytes
            + [0x02]                         // 2 changes
            + [0x00, 0x00]                   // devices
            + [0x00, 0x00]                   // seq: 1 = 0 + 1 + 0, 2 = 1 + 1 + 0
            + [0xD0, 0x0F, 0xE8, 0x07]       // milliseconds: +1000, +500
            + [0x00, 0x02]                   // counters
            + [0x00, 0x01, 0x01, 0x0E]       // deps: none; one entry, devices[1] +7
            + [0x02, 0x03]                   // op counts
            + [0x00, 0x00, 0x03, 0x00, 0x00] // entities
            + [0x01, 0x02, 0x00, 0x04, 0x05] // fields
            + [0x04, 0x03, 0x06, 0x05, 0x02] // tags: text, int, ref, date, true
            + [0x01, 0x00, 0x01, 0x05, 0x00] // records: new r1, same, new r2, back 2 to r1, same
            + [0x3C]                         // ints: 30
            + [0x97, 0x0E, 0x0C, 0x0A]       // dates: 1815-12-10
            + [0x00]                         // refs: records[0]
            + [0x03] + Array("Ada".utf8)     // texts
        #expect(ChangeCodec.encode(batch) == expected)
        #expect(try ChangeCodec.decode(expected) == batch)
    }

    /// Dates made by arithmetic at the ends of the calendar must stay encodable (see
    /// `CalendarDateTests.arithmeticStaysInTheRepresentableRange`).
    @Test func datesFromArithmeticRoundTrip() throws {
        for d in [CalendarDate(year: 1, month: 1, day: 1)!.adding(days: -1), CalendarDate(year: 9999, month: 12, day: 31)!.adding(days: 1),
                  CalendarDate(year: 2024, month: 1, day: 1)!.adding(days: -10_000_000)] {
            let c = Change(device: Self.d1, seq: 1, hlc: HLC(raw: 1), deps: VersionVector(),
                           ops: [Op(entity: "interaction", record: Fixtures.record(1), field: "followUp", value: .date(d))])
            #expect(try ChangeCodec.decode(ChangeCodec.encode([c])) == [c])
        }
    }

    // MARK: - Hostile input

    @Test("Every strict prefix of a valid encoding throws")
    func truncatedAtEveryOffset() {
        let bytes = ChangeCodec.encode(Self.richBatch)
        for n in 0..<bytes.count {
            do {
                let decoded = try ChangeCodec.decode(Array(bytes[..<n]))
                Issue.record("prefix of \(n) of \(bytes.count) bytes decoded to \(decoded.count) changes")
            } catch is CodecError {
            } catch {
                Issue.record("prefix of \(n) bytes threw a non-codec error \(error)")
            }
        }
    }

    @Test func trailingBytesAreMalformed() {
        let bytes = ChangeCodec.encode(Self.richBatch) + [0x00]
        #expect(throws: CodecError.self) { try ChangeCodec.decode(bytes) }
    }

    @Test func newerVersionIsReported() {
        #expect(throws: CodecError.unsupportedVersion(4)) { try ChangeCodec.decode([4, 0, 0, 0, 0]) }
        #expect(throws: CodecError.unsupportedVersion(0)) { try ChangeCodec.decode([0]) }
        #expect(throws: CodecError.truncated(at: 0)) { try ChangeCodec.decode([]) }
    }

    /// Mutating any byte of a valid encoding either throws or decodes to something that
    /// re-encodes stably; it never traps.
    @Test func bitFlipsAtEveryByte() throws {
        let bytes = ChangeCodec.encode(Self.richBatch)
        var decodedCount = 0
        for i in bytes.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var b = bytes
                b[i] ^= mask
                guard let decoded = try? ChangeCodec.decode(b) else { continue }
                decodedCount += 1
                #expect(try ChangeCodec.decode(ChangeCodec.encode(decoded)) == decoded, "flip \(mask) at \(i)")
            }
        }
        #expect(decodedCount > 0)
    }

    @Test("Random bytes throw or decode, never trap")
    func randomBytes() throws {
        var g = SeededGenerator(seed: 41)
        for _ in 0..<3_000 {
            var b = (0..<Int.random(in: 0..<120, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            if !b.isEmpty, Bool.random(using: &g) { b[0] = ChangeCodec.version }
            if b.count > 4, Bool.random(using: &g) { for i in 1..<5 { b[i] = UInt8.random(in: 0..<3, using: &g) } }
            if let decoded = try? ChangeCodec.decode(b) {
                #expect(try ChangeCodec.decode(ChangeCodec.encode(decoded)) == decoded)
            }
        }
    }

    static let maxVarint: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
    static let big: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]   // 2^32 - 1

    static func varint(_ v: UInt64) -> [UInt8] {
        var w = ByteWriter()
        w.varint(v)
        return w.bytes
    }

    /// A one-Change batch (names "e","f"; one device; one record) with one op whose value is
    /// `value` (tag then body). `change` is the six Change columns (device, seq, milliseconds,
    /// counter, deps, op count), `op` the entity and field columns, `record` the record column.
    static func batch(value: [UInt8], change: [UInt8] = [0, 0, 0, 0, 0, 1], op: [UInt8] = [0, 1], record: [UInt8] = [1]) -> [UInt8] {
        [1, 2, 1, 0x65, 1, 0x66, 1] + Fixtures.device(1).raw.bytes + [1] + Fixtures.record(1).raw.bytes
            + [1] + change + op + value.prefix(1) + record + value.dropFirst()
    }
    /// Where the Change columns of ``batch(value:change:op:record:)`` start.
    static let changeColumns = 41

    @Test("Huge declared counts and lengths throw without allocating", arguments: [
        [1] + maxVarint,                                           // name count 2^64-1
        [1] + big,                                                 // name count 2^32-1
        [1, 1] + big + [0x61],                                     // name length 2^32-1
        [1, 0] + big,                                              // device count
        [1, 0, 0] + big,                                           // record count
        [1, 0, 0, 0] + big,                                        // change count
        [1, 0, 0, 0] + maxVarint,
    ])
    func hugeCounts(_ bytes: [UInt8]) {
        #expect(throws: CodecError.self) { try ChangeCodec.decode(bytes) }
    }

    @Test("Huge counts inside a Change and inside values throw")
    func hugeInnerCounts() throws {
        // Sanity: the template decodes with a null value.
        #expect(try ChangeCodec.decode(Self.batch(value: [0x00])).first?.ops.first?.value == .null)
        for value in [[0x07] + Self.big, [0x08] + Self.big, [0x41] + Self.big, [0x41] + Self.maxVarint, [0x04] + Self.big] {
            #expect(throws: CodecError.self, "value \(value)") { try ChangeCodec.decode(Self.batch(value: value)) }
        }
        // The dep-delta count: a varint continuing into the op columns.
        #expect(throws: CodecError.self) { try ChangeCodec.decode(Self.batch(value: [0x00], change: [0, 0, 0, 0, 0xFF, 1])) }
        #expect(throws: CodecError.self) { try ChangeCodec.decode(Self.batch(value: [0x00], change: [0, 0, 0, 0] + Self.big + [1])) }
        // Op counts: each op needs at least 4 more bytes (entity, field, tag, record).
        for count in [Self.big, Self.maxVarint, [2]] {
            #expect(throws: CodecError.self, "\(count)") { try ChangeCodec.decode(Self.batch(value: [0x00], change: [0, 0, 0, 0, 0] + count)) }
        }
    }

    @Test("Structural faults are malformed", arguments: [
        [0x09],                       // reserved value tag
        [0x3F],                       // reserved value tag
        [0x05, 0xE7, 0x0F, 2, 29],    // 2023-02-29
        [0x05, 0xE8, 0x0F, 13, 1],    // month 13
        [0x05, 0x90, 0x4E, 1, 1],     // year 10000
        [0x05, 0x00, 2, 30],          // --02-30
        [0x06, 0x01],                 // record index out of range
        [0x08, 0x01, 0x05],           // record index out of range in a list
        [0x04, 0x02, 0xC3, 0x28],     // invalid UTF-8
    ])
    func malformedValues(_ value: [UInt8]) {
        #expect(throws: CodecError.self) { try ChangeCodec.decode(Self.batch(value: value)) }
    }

    @Test func badIndexesAndSequenceZero() throws {
        func with(_ column: Int, _ byte: UInt8) -> [UInt8] {
            var b = Self.batch(value: [0x00])
            b[Self.changeColumns + column] = byte
            return b
        }
        // Change columns 0…5: device, seq, milliseconds, counter, deps, op count; then entity, field, tag, record.
        #expect(throws: CodecError.malformed("device index 5 out of range", at: Self.changeColumns)) { try ChangeCodec.decode(with(0, 5)) }
        #expect(throws: CodecError.malformed("sequence number 0", at: Self.changeColumns + 1)) { try ChangeCodec.decode(with(1, 0x01)) }
        #expect(throws: CodecError.self, "dep device index") { try ChangeCodec.decode(with(4, 1)) }
        #expect(throws: CodecError.self, "entity name index") { try ChangeCodec.decode(with(6, 9)) }
        #expect(throws: CodecError.self, "field name index") { try ChangeCodec.decode(with(7, 2)) }
        #expect(throws: CodecError.malformed("reserved value tag 9", at: Self.changeColumns + 8)) { try ChangeCodec.decode(with(8, 9)) }
        #expect(try ChangeCodec.decode(with(7, 0)).first?.ops.first?.field == "e")
        #expect(try ChangeCodec.decode(with(2, 0x04)).first?.hlc == HLC(milliseconds: 2, counter: 0))
    }

    @Test func recordCodes() throws {
        // 0 repeats the previous op's record: there is none before the first op.
        #expect(throws: CodecError.malformed("record code 0 on the first op", at: Self.changeColumns + 9)) {
            try ChangeCodec.decode(Self.batch(value: [0x00], record: [0]))
        }
        // zigzag(next − index) + 1 with next = 0: 2 is index 1, 3 is index −1; one record in the table.
        for code: [UInt8] in [[2], [3], Self.maxVarint, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]] {
            #expect(throws: CodecError.self, "\(code)") { try ChangeCodec.decode(Self.batch(value: [0x00], record: code)) }
        }
        // A longer varint for 1 is still the first record.
        #expect(try ChangeCodec.decode(Self.batch(value: [0x00], record: [0x81, 0x00])).first?.ops.first?.record == Fixtures.record(1))
        // Records first seen as references, then as op records, and back-references far behind.
        let ids = (0..<300).map { Fixtures.record(UInt64($0)) }
        var ops: [Op] = []
        for (i, id) in ids.enumerated() {
            ops.append(Op(entity: "tagging", record: id, field: "tag", value: .ref(ids[(i * 7 + 5) % ids.count])))
            ops.append(Op(entity: "contact", record: ids[(i * 13) % ids.count], field: "x", value: .refs([id, ids[0]])))
        }
        let batch = [Change(device: Self.d1, seq: 1, hlc: HLC(raw: 1), deps: VersionVector(), ops: ops)]
        #expect(try ChangeCodec.decode(ChangeCodec.encode(batch)) == batch)
    }

    @Test func clockColumnsAreRangeChecked() throws {
        // milliseconds above 48 bits
        #expect(throws: CodecError.self) {
            try ChangeCodec.decode(Self.batch(value: [0x00], change: [0, 0] + Self.varint(1 << 49) + [0, 0, 1]))
        }
        // counter above 16 bits
        #expect(throws: CodecError.malformed("clock counter 65536 out of range", at: Self.changeColumns + 3)) {
            try ChangeCodec.decode(Self.batch(value: [0x00], change: [0, 0, 0] + Self.varint(65_536) + [0, 1]))
        }
        let top = try ChangeCodec.decode(Self.batch(value: [0x00], change: [0, 0] + Self.varint(((1 << 48) - 1) << 1) + Self.varint(65_535) + [0, 1]))
        #expect(top.first?.hlc == HLC(raw: .max))
    }
}

/// `Value.encodedBytes`: the self-contained form used to store one register value.
@Suite struct ValueBytesTests {
    @Test("Every value kind round trips", arguments: ChangeCodecTests.allValues)
    func roundTrip(_ value: Value) throws {
        #expect(try Value(encodedBytes: value.encodedBytes) == value)
    }

    @Test func referencesAreWrittenAsSixteenBytes() {
        #expect(Value.ref(Fixtures.record(1)).encodedBytes == [0x06] + Fixtures.record(1).raw.bytes)
        #expect(Value.refs([Fixtures.record(1), Fixtures.record(2)]).encodedBytes
                == [0x08, 0x02] + Fixtures.record(1).raw.bytes + Fixtures.record(2).raw.bytes)
        #expect(Value.text("Ada").encodedBytes == [0x04, 0x03] + Array("Ada".utf8))
        #expect(Value.unknown(tag: 0x41, bytes: [1, 2]).encodedBytes == [0x41, 0x02, 1, 2])
    }

    @Test func truncatedAndTrailingInputThrows() {
        for value in ChangeCodecTests.allValues {
            let bytes = value.encodedBytes
            for n in 0..<bytes.count {
                #expect(throws: CodecError.self, "\(value) cut at \(n)") { try Value(encodedBytes: Array(bytes[..<n])) }
            }
            #expect(throws: CodecError.self) { try Value(encodedBytes: bytes + [0]) }
        }
        #expect(throws: CodecError.self) { try Value(encodedBytes: [0x08] + ChangeCodecTests.big) }
    }

    @Test("Random bytes throw or decode, never trap")
    func randomBytes() throws {
        var g = SeededGenerator(seed: 43)
        for _ in 0..<2_000 {
            let b = (0..<Int.random(in: 0..<40, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }
            if let v = try? Value(encodedBytes: b) {
                #expect(try Value(encodedBytes: v.encodedBytes) == v)
            }
        }
    }
}
