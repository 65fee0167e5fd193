/// The binary encoding of a batch of Changes (Protocol/SPEC.md, "Change batch").
///
/// A batch lists the entity and field names, the device ids and the record ids it uses once each,
/// then writes the Changes column by column: first one column per Change field (device, sequence
/// number, clock, deps, op count), then one column per op field (entity, field, value tag, record),
/// then the value bodies grouped by kind. Numbers that grow are written as differences from the
/// previous entry of their column, so that similar bytes sit together and compress well. The same
/// encoding stores the local change log and fills the payload of change files and snapshots.
///
/// ```swift
/// let bytes = ChangeCodec.encode(changes)
/// let again = try ChangeCodec.decode(bytes)   // == changes
/// ```
public enum ChangeCodec {
    /// The encoding version written in the first byte of a batch without hash-chain links.
    public static let version: UInt8 = 1
    /// The version of a batch in which some Change carries ``Change/prev`` (format 3.0, SPEC §7.2):
    /// version 1 plus the `prev` column.
    public static let chainedVersion: UInt8 = 2
    /// The version of a word-coded batch (format 4.0, SPEC §7.2): version 2 plus a word table,
    /// text values as word indexes and split index columns. Only changes files use it; the digest
    /// of a Change stays that of its version 1 or 2 encoding (``encode(_:hash:)``).
    public static let wordsVersion: UInt8 = 3

    /// The digest length of a hash-chain link.
    public static let digestLength = 32

    /// The chain column's entry of a Change (version 2): unchained (made before format 3.0: no
    /// links at all); chained with its link derived from the Change before it in the batch (its own
    /// device's previous one); chained with its link written out; chained without a link (seq 1).
    /// A chained Change's deps entries carry digests.
    enum ChainCode {
        static let unchained: UInt8 = 0, previousInBatch: UInt8 = 1, explicitPrev: UInt8 = 2, noPrev: UInt8 = 3
    }

    /// The digest written for a dependency whose Change the writer's log lacks: no reader can
    /// check it, and none does.
    public static let unknownDigest = [UInt8](repeating: 0, count: 32)

    /// Value tags. Tags `0x40` and above carry a varint length, so a reader can keep kinds it does
    /// not know; `0x09`–`0x3F` are reserved.
    enum Tag {
        static let null: UInt8 = 0x00, falseValue: UInt8 = 0x01, trueValue: UInt8 = 0x02
        static let int: UInt8 = 0x03, text: UInt8 = 0x04, date: UInt8 = 0x05, ref: UInt8 = 0x06
        static let texts: UInt8 = 0x07, refs: UInt8 = 0x08, firstSized: UInt8 = 0x40
    }

    /// Encodes Changes in the given order: version 1 when none carries a hash-chain link
    /// (``Change/prev``), else version 2.
    ///
    /// - Parameter hash: SHA-256, to tell a link that the decoder can derive from the Change before
    ///   it in the batch (written as one byte) from one it cannot (written out).
    public static func encode(_ changes: [Change], hash: ([UInt8]) -> [UInt8] = SHA256Digest.hash) -> [UInt8] {
        encodeBatch(changes, hash: hash, words: false)
    }

    /// Encodes Changes in the given order as a word-coded batch (version 3, the payload of a format
    /// 4.0 changes file): smaller once compressed, and never what a Change's digest is taken over.
    ///
    /// - Parameter hash: as ``encode(_:hash:)``.
    public static func encodeWords(_ changes: [Change], hash: ([UInt8]) -> [UInt8] = SHA256Digest.hash) -> [UInt8] {
        encodeBatch(changes, hash: hash, words: true)
    }

    /// Decodes a batch; any structural fault throws ``CodecError`` (never traps), and a count over
    /// `limits` throws ``CodecError/overLimit(_:at:)`` before anything is allocated for it.
    ///
    /// - Parameter hash: SHA-256, to derive the links written as "the Change before it".
    public static func decode(_ bytes: [UInt8], limits: Limits = .unbounded,
                              hash: ([UInt8]) -> [UInt8] = SHA256Digest.hash) throws -> [Change] {
        try decodeBatch(bytes, limits: limits, hash: hash)
    }

    /// How many Changes and ops one batch may hold (Protocol/SPEC.md §7.2, §9). Each count is
    /// checked as soon as it is read, after its structural check against the bytes left.
    public struct Limits: Hashable, Sendable {
        /// Most Changes.
        public var maxChanges: Int
        /// Most ops, all Changes together.
        public var maxOps: Int
        /// Most Changes and ops together (a changes file: 4 × its stored payload length).
        public var maxItems: Int
        /// Most bytes of text that a word-coded batch (version 3) may make from its word table,
        /// all text values together.
        public var maxTextBytes: Int

        /// Creates limits.
        public init(maxChanges: Int, maxOps: Int, maxItems: Int = .max, maxTextBytes: Int = .max) {
            self.maxChanges = maxChanges
            self.maxOps = maxOps
            self.maxItems = maxItems
            self.maxTextBytes = maxTextBytes
        }

        /// No limits beyond the structural ones (the local log, whose rows this device wrote).
        public static let unbounded = Limits(maxChanges: .max, maxOps: .max)

        /// The absolute limits of one changes file: 65,536 Changes, 2,097,152 ops, 64 MiB of text
        /// made from a word table (the decoded-payload limit, which bounds the text of versions 1 and 2).
        public static let file = Limits(maxChanges: 1 << 16, maxOps: 1 << 21, maxTextBytes: 1 << 26)

        /// How many Changes and ops a file may hold for each byte of its stored payload.
        public static let itemsPerStoredByte = 4

        /// The limits of a changes file whose stored payload is `storedLength` bytes.
        public static func file(storedLength: UInt64) -> Limits {
            var l = file
            let (items, overflow) = storedLength.multipliedReportingOverflow(by: UInt64(itemsPerStoredByte))
            l.maxItems = overflow || items > UInt64(Int.max) ? .max : Int(items)
            return l
        }

        /// Whether `changes` fit these limits (a writer's check before it publishes them as one file).
        public func admits(_ changes: some Collection<Change>) -> Bool {
            let ops = changes.reduce(0) { $0 + $1.ops.count }
            return changes.count <= maxChanges && ops <= maxOps && changes.count + ops <= maxItems
        }
    }

    // MARK: - Values

    /// The tag byte of a value.
    static func tag(of value: Value) -> UInt8 {
        switch value {
        case .null: return Tag.null
        case .bool(let b): return b ? Tag.trueValue : Tag.falseValue
        case .int: return Tag.int
        case .text: return Tag.text
        case .date: return Tag.date
        case .ref: return Tag.ref
        case .texts: return Tag.texts
        case .refs: return Tag.refs
        case .unknown(let tag, _): return tag
        }
    }

    /// A value as its tag then its body (the standalone form; references as table indexes).
    static func encode(_ value: Value, into w: inout ByteWriter, tables: Tables) {
        w.byte(tag(of: value))
        encodeBody(of: value, into: &w, tables: tables)
    }

    /// The body of a value, without its tag (nothing for null and booleans).
    static func encodeBody(of value: Value, into w: inout ByteWriter, tables: Tables) {
        switch value {
        case .null, .bool: break
        case .int(let i): w.zigzag(i)
        case .text(let s): w.string(s)
        case .date(let d):
            w.varint(UInt64(d.year ?? 0))
            w.byte(UInt8(d.month))
            w.byte(UInt8(d.day))
        case .ref(let id): w.varint(UInt64(tables.recordIndex[id]!))
        case .texts(let list):
            w.varint(UInt64(list.count))
            for s in list { w.string(s) }
        case .refs(let list):
            w.varint(UInt64(list.count))
            for id in list { w.varint(UInt64(tables.recordIndex[id]!)) }
        case .unknown(_, let bytes):
            w.varint(UInt64(bytes.count))
            w.raw(bytes)
        }
    }

    /// Reads a value written by ``encode(_:into:tables:)``: its tag, then its body.
    static func decodeValue(_ r: inout ByteReader, records: [RecordID]) throws -> Value {
        let at = r.offset
        let tag = try r.byte()
        guard isKnownOrSized(tag) else { throw CodecError.malformed("reserved value tag \(tag)", at: at) }
        return try decodeBody(tag: tag, &r, records: records)
    }

    /// Whether a tag is one of format 1's kinds or a sized kind (`0x09`–`0x3F` are reserved).
    static func isKnownOrSized(_ tag: UInt8) -> Bool { tag <= Tag.refs || tag >= Tag.firstSized }

    /// Reads the body of a value whose tag is already known (and not reserved).
    static func decodeBody(tag: UInt8, _ r: inout ByteReader, records: [RecordID]) throws -> Value {
        let at = r.offset
        func record() throws -> RecordID {
            let i = try r.varint()
            guard i < UInt64(records.count) else { throw CodecError.malformed("record index \(i) out of range", at: at) }
            return records[Int(i)]
        }
        switch tag {
        case Tag.null: return .null
        case Tag.falseValue: return .bool(false)
        case Tag.trueValue: return .bool(true)
        case Tag.int: return .int(try r.zigzag())
        case Tag.text: return .text(try r.string())
        case Tag.date:
            let y = try r.varint(), m = try r.byte(), d = try r.byte()
            guard y <= 9999, let date = CalendarDate(year: y == 0 ? nil : Int(y), month: Int(m), day: Int(d)) else {
                throw CodecError.malformed("invalid date", at: at)
            }
            return .date(date)
        case Tag.ref: return .ref(try record())
        case Tag.texts: return .texts(try (0..<r.count(limit: r.remaining)).map { _ in try r.string() })
        case Tag.refs: return .refs(try (0..<r.count(limit: r.remaining)).map { _ in try record() })
        case let tag where tag >= Tag.firstSized:
            let n = try r.count(limit: r.remaining)
            return .unknown(tag: tag, bytes: Array(try r.raw(n)))
        case let tag:
            throw CodecError.malformed("reserved value tag \(tag)", at: at)
        }
    }

    // MARK: - Tables

    /// The names, devices and records of a batch, in order of first appearance.
    struct Tables {
        var strings: [String] = [], stringIndex: [String: Int] = [:]
        var devices: [DeviceID] = [], deviceIndex: [DeviceID: Int] = [:]
        var records: [RecordID] = [], recordIndex: [RecordID: Int] = [:]

        mutating func collect(_ c: Change) {
            add(device: c.device)
            for (d, _) in c.deps.sorted { add(device: d) }
            for op in c.ops {
                add(string: op.entity)
                add(record: op.record)
                add(string: op.field)
                switch op.value {
                case .ref(let id): add(record: id)
                case .refs(let ids): ids.forEach { add(record: $0) }
                default: break
                }
            }
        }

        mutating func add(string s: String) {
            if position(of: s) == nil { stringIndex[s] = strings.count; strings.append(s) }
        }

        /// The position of a name in ``strings``. A batch names a few entities and fields, each
        /// once per op: up to 16 names are compared in place (short names compare as two words),
        /// without hashing the name per op; more are looked up in ``stringIndex``.
        func position(of s: String) -> Int? {
            strings.count <= 16 ? strings.firstIndex(of: s) : stringIndex[s]
        }
        mutating func add(device d: DeviceID) {
            if deviceIndex[d] == nil { deviceIndex[d] = devices.count; devices.append(d) }
        }
        mutating func add(record id: RecordID) {
            if recordIndex[id] == nil { recordIndex[id] = records.count; records.append(id) }
        }
    }
}
