@testable import TouchbaseCore
@testable import TouchbaseExchange

/// An experiment, not a format: the same Changes laid out column by column (what a future
/// ChangeCodec version could do), to measure how far that gets below the row layout of
/// ChangeCodec v1. Used only by ChangeFileSizeTests to print a number for the proposal.
enum ColumnarExperiment {
    static func encode(_ changes: [Change], breakdown: Bool = false) -> [UInt8] {
        var tables = ChangeCodec.Tables()
        for c in changes { tables.collect(c) }
        var head = ByteWriter(), meta = ByteWriter(), keys = ByteWriter(), recs = ByteWriter()
        var tags = ByteWriter(), texts = ByteWriter(), nums = ByteWriter()
        head.byte(0x81)
        head.varint(UInt64(tables.strings.count)); for s in tables.strings { head.string(s) }
        head.varint(UInt64(tables.devices.count)); for d in tables.devices { head.raw(d.raw.bytes) }
        head.varint(UInt64(tables.records.count)); for r in tables.records { head.raw(r.raw.bytes) }
        head.varint(UInt64(changes.count))
        var prevSeq: UInt64 = 0, prevMs: UInt64 = 0, prevDeps = VersionVector(), prevRecord = 0, prevRef = 0
        for c in changes {
            meta.varint(UInt64(tables.deviceIndex[c.device]!))
            meta.zigzag(Int64(bitPattern: c.seq &- prevSeq) - 1)
            meta.zigzag(Int64(bitPattern: c.hlc.milliseconds &- prevMs))
            meta.varint(UInt64(c.hlc.counter))
            let changed = Set(c.deps.entries.keys).union(prevDeps.entries.keys).filter { c.deps[$0] != prevDeps[$0] }.sorted()
            meta.varint(UInt64(changed.count))
            for d in changed { meta.varint(UInt64(tables.deviceIndex[d]!)); meta.zigzag(Int64(bitPattern: c.deps[d] &- prevDeps[d])) }
            meta.varint(UInt64(c.ops.count))
            for op in c.ops {
                keys.varint(UInt64(tables.stringIndex[op.entity]!))
                keys.varint(UInt64(tables.stringIndex[op.field]!))
                let r = tables.recordIndex[op.record]!
                recs.zigzag(Int64(r - prevRecord)); prevRecord = r
                switch op.value {
                case .text(let s): tags.byte(0x04); texts.string(s)
                case .texts(let l): tags.byte(0x07); texts.varint(UInt64(l.count)); l.forEach { texts.string($0) }
                case .int(let i): tags.byte(0x03); nums.zigzag(i)
                case .date(let d): tags.byte(0x05); nums.varint(UInt64(d.year ?? 0)); nums.byte(UInt8(d.month)); nums.byte(UInt8(d.day))
                case .ref(let id): tags.byte(0x06); let i = tables.recordIndex[id]!; recs.zigzag(Int64(i - prevRef)); prevRef = i
                default: tags.byte(0xFF); ChangeCodec.encode(op.value, into: &nums, tables: tables)
                }
            }
            prevSeq = c.seq; prevMs = c.hlc.milliseconds; prevDeps = c.deps
        }
        if breakdown {
            for (name, column) in [("tables", head), ("meta", meta), ("keys", keys), ("recs", recs), ("tags", tags), ("nums", nums), ("texts", texts)] {
                print("[size]   column \(name): \(column.bytes.count) raw, \(Zlib.compress(column.bytes).count) deflated")
            }
        }
        var out = head
        for column in [meta, keys, recs, tags, nums, texts] { out.varint(UInt64(column.bytes.count)); out.raw(column.bytes) }
        return out.bytes
    }
}
