/// The column-wise layout of a Change batch (Protocol/SPEC.md §7.2).
extension ChangeCodec {
    /// Where a value's body is written, by tag; the value columns follow one another in this order.
    enum Column: CaseIterable {
        /// null, false, true: the tag says it all.
        case tagOnly
        case ints, dates, refs, texts, sized

        /// The column of a tag; `nil` for a reserved tag.
        init?(tag: UInt8) {
            switch tag {
            case Tag.null, Tag.falseValue, Tag.trueValue: self = .tagOnly
            case Tag.int: self = .ints
            case Tag.date: self = .dates
            case Tag.ref, Tag.refs: self = .refs
            case Tag.text, Tag.texts: self = .texts
            case let t where t >= Tag.firstSized: self = .sized
            default: return nil
            }
        }
    }

    /// The largest millisecond part of a clock stamp (48 bits).
    static let maxMilliseconds: UInt64 = 0xFFFF_FFFF_FFFF

    /// The record column's code for `index`: 0 when it repeats the previous op's record, else
    /// `zigzag(next − index) + 1`, where `next` is one more than the largest index so far.
    static func recordCode(_ index: Int, previous: Int?, next: Int) -> UInt64 {
        if index == previous { return 0 }
        let back = Int64(next - index)
        return UInt64(bitPattern: (back << 1) ^ (back >> 63)) + 1
    }

    /// Encodes a batch: version 1 or 2 (`words` false), or the word-coded version 3, which always
    /// has the chain column and writes its record column split and its texts as word indexes.
    static func encodeBatch(_ changes: [Change], hash: ([UInt8]) -> [UInt8], words: Bool) -> [UInt8] {
        // A single edit's Change (the log row and the digest of every local edit): the same bytes,
        // without the tables a batch needs.
        if !words, changes.count == 1, let bytes = encodeSingle(changes[0]) { return bytes }
        return encodeColumns(changes, hash: hash, words: words)
    }

    /// ``encodeBatch(_:hash:words:)`` for any batch: the general encoder.
    static func encodeColumns(_ changes: [Change], hash: ([UInt8]) -> [UInt8], words: Bool) -> [UInt8] {
        let chained = words || changes.contains { $0.isChained }
        var tables = Tables()
        for c in changes { tables.collect(c) }
        let ops = changes.flatMap(\.ops)
        var w = ByteWriter(capacity: 64 + tables.records.count * 16 + changes.count * 8 + ops.count * 16)
        w.byte(words ? wordsVersion : chained ? chainedVersion : version)
        w.varint(UInt64(tables.strings.count))
        for s in tables.strings { w.string(s) }
        w.varint(UInt64(tables.devices.count))
        for d in tables.devices { w.raw(d.raw.bytes) }
        w.varint(UInt64(tables.records.count))
        for r in tables.records { w.raw(r.raw.bytes) }
        let wordTable = words ? Words(ops) : nil
        if let wordTable {
            w.varint(UInt64(wordTable.table.count))
            for word in wordTable.table {
                w.varint(UInt64(word.utf8.count))
                w.raw(word.utf8)
            }
        }
        w.varint(UInt64(changes.count))

        // Change columns.
        for c in changes { w.varint(UInt64(tables.deviceIndex[c.device]!)) }
        var prevSeq: UInt64 = 0
        for c in changes {
            w.zigzag(Int64(bitPattern: c.seq &- prevSeq &- 1))
            prevSeq = c.seq
        }
        var prevMilliseconds: UInt64 = 0
        for c in changes {
            w.zigzag(Int64(bitPattern: c.hlc.milliseconds &- prevMilliseconds))
            prevMilliseconds = c.hlc.milliseconds
        }
        for c in changes { w.varint(UInt64(c.hlc.counter)) }
        if chained {
            for (i, c) in changes.enumerated() {
                let code = chainCode(c, after: i > 0 ? changes[i - 1] : nil, hash: hash)
                w.byte(code)
                if code == ChainCode.explicitPrev { w.raw(c.prev!) }
            }
        }
        var prevDeps = VersionVector()
        var prevDigests: [DeviceID: [UInt8]] = [:]
        var prevChained = false
        for c in changes {
            let digests = chained && c.isChained
            let changed = Set(c.deps.entries.keys).union(prevDeps.entries.keys)
                .filter { d in
                    c.deps[d] != prevDeps[d]
                        || (digests && c.deps[d] > 0 && (!prevChained || prevDigests[d] != c.depDigests[d]))
                }
                .sorted()
            w.varint(UInt64(changed.count))
            for d in changed {
                w.varint(UInt64(tables.deviceIndex[d]!))
                w.zigzag(Int64(bitPattern: c.deps[d] &- prevDeps[d]))
                if digests, c.deps[d] > 0 { w.raw(c.depDigests[d] ?? unknownDigest) }
            }
            prevDeps = c.deps
            prevDigests = c.depDigests
            prevChained = digests
        }
        for c in changes { w.varint(UInt64(c.ops.count)) }

        // Op columns.
        for op in ops { w.varint(UInt64(tables.position(of: op.entity)!)) }
        for op in ops { w.varint(UInt64(tables.position(of: op.field)!)) }
        for op in ops { w.byte(tag(of: op.value)) }
        var previous: Int?, next = 0
        var codes: [UInt64] = []
        codes.reserveCapacity(words ? ops.count : 0)
        for op in ops {
            let i = tables.recordIndex[op.record]!
            let code = recordCode(i, previous: previous, next: next)
            if words { codes.append(code) } else { w.varint(code) }
            previous = i
            next = max(next, i + 1)
        }
        if words { writeSplit(codes, into: &w) }

        // Value columns.
        for column in Column.allCases where column != .tagOnly {
            if column == .texts, let wordTable {
                writeWordTexts(ops, words: wordTable, into: &w)
                continue
            }
            for op in ops where Column(tag: tag(of: op.value)) == column {
                encodeBody(of: op.value, into: &w, tables: tables)
            }
        }
        return w.bytes
    }

    /// Whether `c` is the Change right after `before` on the same device.
    static func follows(_ c: Change, _ before: Change) -> Bool {
        c.device == before.device && before.seq < UInt64.max && c.seq == before.seq + 1
    }

    /// The chain column's code of `c`, written after `before` in the batch.
    static func chainCode(_ c: Change, after before: Change?, hash: ([UInt8]) -> [UInt8]) -> UInt8 {
        guard c.isChained else { return ChainCode.unchained }
        guard let prev = c.prev else { return ChainCode.noPrev }
        if let before, follows(c, before), before.digest(hash: hash) == prev { return ChainCode.previousInBatch }
        return ChainCode.explicitPrev
    }

    static func decodeBatch(_ bytes: [UInt8], limits: Limits = .unbounded, hash: ([UInt8]) -> [UInt8]) throws -> [Change] {
        var r = ByteReader(bytes)
        let v = try r.byte()
        guard v == version || v == chainedVersion || v == wordsVersion else { throw CodecError.unsupportedVersion(v) }
        let strings = try (0..<r.count(limit: r.remaining)).map { _ in try r.string() }
        let devices = try (0..<r.count(limit: r.remaining / 16)).map { _ in DeviceID(ID128(bytes: try r.raw(16))!) }
        let records = try (0..<r.count(limit: r.remaining / 16)).map { _ in RecordID(ID128(bytes: try r.raw(16))!) }
        let words = v == wordsVersion ? try readWordTable(&r) : []
        func pick<T>(_ table: [T], _ what: String) throws -> T {
            let at = r.offset
            let i = try r.varint()
            guard i < UInt64(table.count) else { throw CodecError.malformed("\(what) index \(i) out of range", at: at) }
            return table[Int(i)]
        }
        // Every Change takes at least one byte in each of its six columns.
        let countAt = r.offset
        let n = try r.count(limit: r.remaining / 6)
        guard n <= limits.maxChanges, n <= limits.maxItems else {
            throw CodecError.overLimit("\(n) Changes exceed the limit of \(min(limits.maxChanges, limits.maxItems))", at: countAt)
        }

        // Change columns.
        let changeDevices = try (0..<n).map { _ in try pick(devices, "device") }
        var seqs: [UInt64] = []
        seqs.reserveCapacity(n)
        var seq: UInt64 = 0
        for _ in 0..<n {
            let at = r.offset
            seq = seq &+ 1 &+ UInt64(bitPattern: try r.zigzag())
            guard seq >= 1 else { throw CodecError.malformed("sequence number 0", at: at) }
            seqs.append(seq)
        }
        var milliseconds: [UInt64] = []
        milliseconds.reserveCapacity(n)
        var ms: UInt64 = 0
        for _ in 0..<n {
            let at = r.offset
            ms = ms &+ UInt64(bitPattern: try r.zigzag())
            guard ms <= maxMilliseconds else { throw CodecError.malformed("clock milliseconds \(ms) out of range", at: at) }
            milliseconds.append(ms)
        }
        var stamps: [HLC] = []
        stamps.reserveCapacity(n)
        for i in 0..<n {
            let at = r.offset
            let counter = try r.varint()
            guard counter <= UInt64(UInt16.max) else { throw CodecError.malformed("clock counter \(counter) out of range", at: at) }
            stamps.append(HLC(raw: milliseconds[i] << 16 | counter))
        }
        // The chain column (version 2): a code per Change, and the digest after an explicit one.
        var chainCodes = [UInt8](repeating: ChainCode.unchained, count: n)
        var explicitPrev: [Int: [UInt8]] = [:]
        if v == chainedVersion || v == wordsVersion {
            for i in 0..<n {
                let at = r.offset
                let code = try r.byte()
                switch code {
                case ChainCode.unchained:
                    break
                case ChainCode.previousInBatch:
                    guard i > 0, changeDevices[i] == changeDevices[i - 1], seqs[i - 1] < UInt64.max, seqs[i] == seqs[i - 1] + 1 else {
                        throw CodecError.malformed("a link to the Change before it, which is not its device's previous one", at: at)
                    }
                case ChainCode.explicitPrev:
                    guard seqs[i] > 1 else { throw CodecError.malformed("a link before sequence number 1", at: at) }
                    explicitPrev[i] = Array(try r.raw(digestLength))
                case ChainCode.noPrev:
                    guard seqs[i] == 1 else { throw CodecError.malformed("a chained Change after sequence number 1 without a link", at: at) }
                default:
                    throw CodecError.malformed("chain code \(code)", at: at)
                }
                chainCodes[i] = code
            }
        }
        var deps: [VersionVector] = []
        var digests: [[DeviceID: [UInt8]]] = []
        deps.reserveCapacity(n)
        var running = VersionVector()
        var runningDigests: [DeviceID: [UInt8]] = [:]
        var prevChained = false
        for i in 0..<n {
            let chained = chainCodes[i] != ChainCode.unchained
            if chained && !prevChained { runningDigests = [:] }
            for _ in 0..<(try r.count(limit: r.remaining / 2)) {
                let d = try pick(devices, "device")
                running[d] = running[d] &+ UInt64(bitPattern: try r.zigzag())
                runningDigests[d] = chained && running[d] != 0 ? Array(try r.raw(digestLength)) : nil
            }
            deps.append(running)
            if chained {
                var own = running
                own[changeDevices[i]] = 0
                guard own.entries.keys.allSatisfy({ runningDigests[$0] != nil }) else {
                    throw CodecError.malformed("a chained Change without the digest of every Change in its deps", at: r.offset)
                }
                digests.append(runningDigests.filter { own[$0.key] > 0 })
            } else {
                digests.append([:])
            }
            prevChained = chained
        }
        // Every op takes at least one byte in each of its four columns.
        var opCounts: [Int] = []
        opCounts.reserveCapacity(n)
        var nOps = 0
        for _ in 0..<n {
            let limit = r.remaining / 4 - nOps
            guard limit >= 0 else { throw CodecError.malformed("\(nOps) ops exceed the bytes left", at: r.offset) }
            let at = r.offset
            let count = try r.count(limit: limit)
            guard count <= limits.maxOps - nOps, count <= limits.maxItems - n - nOps else {
                throw CodecError.overLimit("\(nOps + count) ops exceed the limit of \(min(limits.maxOps, limits.maxItems - n))", at: at)
            }
            opCounts.append(count)
            nOps += count
        }

        // Op columns.
        let entities = try (0..<nOps).map { _ in try pick(strings, "name") }
        let fields = try (0..<nOps).map { _ in try pick(strings, "name") }
        var tags: [UInt8] = []
        var columns: [Column] = []
        tags.reserveCapacity(nOps)
        columns.reserveCapacity(nOps)
        for _ in 0..<nOps {
            let at = r.offset
            let tag = try r.byte()
            guard let column = Column(tag: tag) else { throw CodecError.malformed("reserved value tag \(tag)", at: at) }
            tags.append(tag)
            columns.append(column)
        }
        var opRecords: [RecordID] = []
        opRecords.reserveCapacity(nOps)
        var previous: Int?, next = 0
        let splitAt = r.offset
        let splitCodes = v == wordsVersion ? try readSplit(nOps, &r) : []
        for k in 0..<nOps {
            let at = splitCodes.isEmpty ? r.offset : splitAt + k
            let code = splitCodes.isEmpty ? try r.varint() : splitCodes[k]
            let index: Int
            if code == 0 {
                guard let p = previous else { throw CodecError.malformed("record code 0 on the first op", at: at) }
                index = p
            } else {
                let back = Int64(bitPattern: (code - 1) >> 1) ^ -Int64(bitPattern: (code - 1) & 1)
                let (i, overflow) = Int64(next).subtractingReportingOverflow(back)
                guard !overflow, i >= 0, i < Int64(records.count) else {
                    throw CodecError.malformed("record index out of range", at: at)
                }
                index = Int(i)
            }
            opRecords.append(records[index])
            previous = index
            next = max(next, index + 1)
        }

        // Value columns.
        var values = [Value](repeating: .null, count: nOps)
        for column in Column.allCases {
            if column == .texts, v == wordsVersion {
                try readWordTexts(&r, tags: tags, words: words, maxTextBytes: limits.maxTextBytes, into: &values)
                continue
            }
            for k in 0..<nOps where columns[k] == column {
                values[k] = try decodeBody(tag: tags[k], &r, records: records)
            }
        }
        guard r.isAtEnd else { throw CodecError.malformed("\(r.remaining) bytes after the last column", at: r.offset) }

        var changes: [Change] = []
        changes.reserveCapacity(n)
        var k = 0
        for i in 0..<n {
            let ops = (k..<(k + opCounts[i])).map { Op(entity: entities[$0], record: opRecords[$0], field: fields[$0], value: values[$0]) }
            k += opCounts[i]
            var prev: [UInt8]?
            switch chainCodes[i] {
            case ChainCode.previousInBatch: prev = changes[i - 1].digest(hash: hash)
            case ChainCode.explicitPrev: prev = explicitPrev[i]
            default: prev = nil
            }
            changes.append(Change(device: changeDevices[i], seq: seqs[i], hlc: stamps[i], deps: deps[i], ops: ops,
                                  prev: prev, depDigests: digests[i]))
        }
        return changes
    }

    // MARK: - One Change, one op

    /// The bytes ``encodeColumns(_:hash:words:)`` writes for `[c]` (version 1 or 2), built without
    /// the general encoder's tables, or `nil` when `c` is not a one-op Change whose value names at
    /// most one record (those take the general path).
    ///
    /// A batch of one has no Change before it, so nothing is derived from a hash here.
    static func encodeSingle(_ c: Change) -> [UInt8]? {
        guard c.ops.count == 1 else { return nil }
        let op = c.ops[0]
        // The tables, in the order the general encoder collects them: the Change's device, then
        // its deps' devices ascending; the op's entity, record and field; a referenced record.
        let deps = c.deps.sorted
        var devices: [DeviceID] = [c.device]
        devices.reserveCapacity(deps.count + 1)
        for (d, _) in deps where d != c.device { devices.append(d) }
        var records: [RecordID] = [op.record]
        switch op.value {
        case .ref(let id): if id != op.record { records.append(id) }
        case .refs: return nil
        default: break
        }
        // A reserved tag has no column: the general encoder writes no body for it.
        let valueTag = tag(of: op.value)
        guard let column = Column(tag: valueTag) else { return nil }
        let fieldIndex = op.field == op.entity ? 0 : 1
        let chained = c.isChained

        var w = ByteWriter(capacity: 96 + deps.count * 52 + records.count * 16)
        w.byte(chained ? chainedVersion : version)
        w.varint(UInt64(fieldIndex + 1))
        w.string(op.entity)
        if fieldIndex == 1 { w.string(op.field) }
        w.varint(UInt64(devices.count))
        for d in devices { w.raw(d.raw.bytes) }
        w.varint(UInt64(records.count))
        for r in records { w.raw(r.raw.bytes) }
        w.varint(1)

        // Change columns: device (always the first in the table), sequence number and clock as
        // differences from zero, the chain code.
        w.varint(0)
        w.zigzag(Int64(bitPattern: c.seq &- 1))
        w.zigzag(Int64(bitPattern: c.hlc.milliseconds))
        w.varint(UInt64(c.hlc.counter))
        if chained {
            if let prev = c.prev {
                w.byte(ChainCode.explicitPrev)
                w.raw(prev)
            } else {
                w.byte(ChainCode.noPrev)
            }
        }
        // Deps: every entry differs from the empty vector before it.
        w.varint(UInt64(deps.count))
        for (d, seq) in deps {
            w.varint(UInt64(devices.firstIndex(of: d)!))
            w.zigzag(Int64(bitPattern: seq))
            if chained { w.raw(c.depDigests[d] ?? unknownDigest) }
        }
        w.varint(1)

        // Op columns: entity, field, tag, record code (a first op: `zigzag(1) + 1`).
        w.varint(0)
        w.varint(UInt64(fieldIndex))
        w.byte(valueTag)
        w.varint(recordCode(0, previous: nil, next: 0))
        // The value body in its column (none for a tag-only value).
        switch op.value {
        case _ where column == .tagOnly: break
        case .ref(let id): w.varint(UInt64(records.firstIndex(of: id)!))
        default: encodeBody(of: op.value, into: &w, tables: Tables())
        }
        return w.bytes
    }
}
