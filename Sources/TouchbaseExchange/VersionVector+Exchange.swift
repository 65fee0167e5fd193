import TouchbaseCore

// MARK: - Encoding (Protocol/SPEC.md, "Version vector encoding")

extension VersionVector {
    /// varint count, then per entry in ascending device order: 16-byte device id, varint seq ≥ 1.
    func write(to w: inout ByteWriter) {
        let entries = sorted
        w.varint(UInt64(entries.count))
        for e in entries {
            w.raw(e.device.raw.bytes)
            w.varint(e.seq)
        }
    }

    /// Reads what ``write(to:)`` writes; devices must be strictly ascending and seqs ≥ 1.
    static func read(from r: inout ByteReader) throws -> VersionVector {
        let n = try r.count(limit: r.remaining / 17)
        var v = VersionVector()
        var previous: DeviceID?
        for _ in 0..<n {
            let at = r.offset
            let device = DeviceID(ID128(bytes: try r.raw(16))!)
            if let previous, !(previous < device) {
                throw CodecError.malformed("version vector devices not in ascending order", at: at)
            }
            let seqAt = r.offset
            let seq = try r.varint()
            guard seq >= 1 else { throw CodecError.malformed("version vector entry 0", at: seqAt) }
            v[device] = seq
            previous = device
        }
        return v
    }
}

/// Rejects bytes after a payload's last field, unless the file comes from a newer minor version,
/// whose extra fields a reader skips.
func checkPayloadEnd(_ r: ByteReader, header: ExchangeHeader) throws {
    if !r.isAtEnd && header.minor <= ExchangeHeader.currentMinor {
        throw CodecError.malformed("\(r.remaining) bytes after the last field", at: r.offset)
    }
}

/// Runs a payload decoder, turning codec faults into ``ExchangeError/malformedPayload``.
func decodingPayload<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CodecError {
        throw ExchangeError.malformed(error)
    }
}
