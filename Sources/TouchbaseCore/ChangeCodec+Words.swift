/// The parts of a word-coded Change batch (version 3, format 4.0; Protocol/SPEC.md §7.2) that
/// versions 1 and 2 do not have: the word table, text values written as sequences of word indexes,
/// and split columns (the first byte of every varint, then the bytes that follow them).
///
/// Text values cut at every space (U+0020) become words; each distinct word is written once, in a
/// table ordered by how often the batch uses it, so that repeated words, names and whole values cost
/// an index of one or two bytes that zlib codes close to their frequency.
extension ChangeCodec {
    /// The words of a batch's text values (every `text`, every element of every `texts`): the table
    /// ordered by use (most used first, ties in order of first appearance) and each word's index.
    struct Words {
        var table: [Substring] = []
        var index: [Substring: Int] = [:]

        /// Counts every word of `ops`' text values and orders the table.
        init<S: Sequence>(_ ops: S) where S.Element == Op {
            var counts: [Substring: Int] = [:]
            var firstSeen: [Substring] = []
            func add(_ s: String) {
                for w in ChangeCodec.words(of: s) {
                    if let n = counts[w] { counts[w] = n + 1 } else { counts[w] = 1; firstSeen.append(w) }
                }
            }
            for op in ops {
                switch op.value {
                case .text(let s): add(s)
                case .texts(let list): list.forEach(add)
                default: break
                }
            }
            let order = firstSeen.indices.sorted { a, b in
                let ca = counts[firstSeen[a]]!, cb = counts[firstSeen[b]]!
                return ca != cb ? ca > cb : a < b
            }
            table = order.map { firstSeen[$0] }
            index.reserveCapacity(table.count)
            for (i, w) in table.enumerated() { index[w] = i }
        }
    }

    /// The words of `s`: the pieces between spaces (U+0020), empty ones included, so that joining
    /// them with single spaces gives `s` back. An empty string is one empty word.
    static func words(of s: String) -> [Substring] {
        s.split(separator: " ", omittingEmptySubsequences: false)
    }

    /// Writes a varint column split in two: the first byte of every entry, then the bytes that follow
    /// those first bytes, entry by entry.
    static func writeSplit(_ values: [UInt64], into w: inout ByteWriter) {
        var rest = ByteWriter(capacity: values.count)
        for value in values {
            var v = value
            if v < 0x80 { w.byte(UInt8(v)); continue }
            w.byte(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
            rest.varint(v)
        }
        w.raw(rest.bytes)
    }

    /// Reads `count` varints written by ``writeSplit(_:into:)``; the caller has checked `count`
    /// against the bytes left.
    static func readSplit(_ count: Int, _ r: inout ByteReader) throws -> [UInt64] {
        let first = try r.raw(count)
        var values: [UInt64] = []
        values.reserveCapacity(count)
        for (k, b) in first.enumerated() {
            if b & 0x80 == 0 { values.append(UInt64(b)); continue }
            let at = r.offset
            let high = try r.varint()
            // The whole varint (its first byte and the ones that follow) is at most 10 bytes.
            guard high >> 57 == 0 else { throw CodecError.malformed("split varint of entry \(k) overflows 64 bits", at: at) }
            values.append(UInt64(b & 0x7F) | high << 7)
        }
        return values
    }

    /// Writes the text column of a word-coded batch: for each text value, its number of words − 1
    /// (a `texts` value first gives its count), then every word index as a split column.
    static func writeWordTexts(_ ops: [Op], words: Words, into w: inout ByteWriter) {
        var indexes: [UInt64] = []
        func add(_ s: String) {
            let pieces = ChangeCodec.words(of: s)
            w.varint(UInt64(pieces.count - 1))
            for p in pieces { indexes.append(UInt64(words.index[p]!)) }
        }
        for op in ops {
            switch op.value {
            case .text(let s): add(s)
            case .texts(let list):
                w.varint(UInt64(list.count))
                list.forEach(add)
            default: break
            }
        }
        writeSplit(indexes, into: &w)
    }

    /// Reads the word table of a word-coded batch: valid UTF-8 words without a space.
    static func readWordTable(_ r: inout ByteReader) throws -> [String] {
        try (0..<r.count(limit: r.remaining)).map { _ in
            let at = r.offset
            let s = try r.string()
            guard !s.utf8.contains(0x20) else { throw CodecError.malformed("a word holding a space", at: at) }
            return s
        }
    }

    /// Reads the text column of a word-coded batch into `values` at the ops whose tag is text or
    /// texts, checking that the texts it makes hold at most `maxTextBytes` bytes in all.
    static func readWordTexts(_ r: inout ByteReader, tags: [UInt8], words: [String], maxTextBytes: Int,
                              into values: inout [Value]) throws {
        // The shape: words per text (and texts per `texts` value); every index takes a byte at least.
        var shape: [Int] = []
        var total = 0
        func wordCount() throws -> Int {
            let n = try r.count(limit: r.remaining) + 1
            total += n
            guard total <= r.remaining else { throw CodecError.malformed("\(total) word indexes exceed the bytes left", at: r.offset) }
            return n
        }
        for tag in tags {
            if tag == Tag.text {
                shape.append(try wordCount())
            } else if tag == Tag.texts {
                let n = try r.count(limit: r.remaining)
                shape.append(n)
                for _ in 0..<n { shape.append(try wordCount()) }
            }
        }
        let indexesAt = r.offset
        let indexes = try readSplit(total, &r)
        let wordBytes = words.map { Array($0.utf8) }
        var textBytes = 0
        var k = 0, s = 0
        func text() throws -> String {
            let n = shape[s]
            s += 1
            defer { k += n }
            var length = n - 1
            for j in k..<(k + n) {
                guard indexes[j] < UInt64(words.count) else { throw CodecError.malformed("word index \(indexes[j]) out of range", at: indexesAt) }
                length += wordBytes[Int(indexes[j])].count
            }
            textBytes += length
            guard textBytes <= maxTextBytes else {
                throw CodecError.overLimit("the texts exceed \(maxTextBytes) bytes", at: indexesAt)
            }
            if n == 1 { return words[Int(indexes[k])] }
            // Valid UTF-8 words joined by spaces: one allocation, no copy in between.
            return String(unsafeUninitializedCapacity: length) { buffer in
                var at = 0
                for j in k..<(k + n) {
                    if j > k { buffer[at] = 0x20; at += 1 }
                    for b in wordBytes[Int(indexes[j])] { buffer[at] = b; at += 1 }
                }
                return at
            }
        }
        for (i, tag) in tags.enumerated() {
            if tag == Tag.text {
                values[i] = .text(try text())
            } else if tag == Tag.texts {
                let n = shape[s]
                s += 1
                var list: [String] = []
                list.reserveCapacity(n)
                for _ in 0..<n { list.append(try text()) }
                values[i] = .texts(list)
            }
        }
    }
}
