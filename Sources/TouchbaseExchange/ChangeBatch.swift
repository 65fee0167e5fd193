import TouchbaseCore

/// The payload of a changes file: a ``ChangeCodec`` batch of one device's Changes
/// `first...last`, in order, without gaps (Protocol/SPEC.md, "Changes payload").
public enum ChangeBatch {
    /// Checks that `changes` can fill one changes file and returns (device, first, last).
    ///
    /// - throws: ``ExchangeError/invalidArgument`` for an empty list, Changes of several devices
    ///   or a gap.
    public static func range(of changes: [Change]) throws -> (device: DeviceID, first: UInt64, last: UInt64) {
        guard let head = changes.first else { throw ExchangeError(.invalidArgument, "no Changes to publish") }
        for (i, c) in changes.enumerated() {
            guard c.device == head.device else {
                throw ExchangeError(.invalidArgument, "a changes file holds one device's Changes")
            }
            guard head.seq >= 1, c.seq == head.seq + UInt64(i) else {
                throw ExchangeError(.invalidArgument, "Changes must be consecutive: seq \(c.seq) at position \(i) after \(head.seq)")
            }
        }
        return (head.device, head.seq, changes.last!.seq)
    }

    /// Decodes a changes payload and checks it against the header's device and range.
    ///
    /// - throws: ``ExchangeError/malformedPayload`` (with ``ExchangeError/codecError`` when the
    ///   encoding itself is wrong).
    public static func decode(_ payload: [UInt8], header: ExchangeHeader) throws -> [Change] {
        let changes: [Change]
        do {
            changes = try ChangeCodec.decode(payload)
        } catch let error as CodecError {
            throw ExchangeError.malformed(error)
        }
        guard UInt64(changes.count) == header.last - header.first + 1 else {
            throw ExchangeError(.malformedPayload, "\(changes.count) Changes for the range \(header.first)-\(header.last)")
        }
        for (i, c) in changes.enumerated() {
            guard c.device == header.device else {
                throw ExchangeError(.malformedPayload, "Change \(i) is from another device than the file's")
            }
            guard c.seq == header.first + UInt64(i) else {
                throw ExchangeError(.malformedPayload, "Change \(i) has seq \(c.seq), expected \(header.first + UInt64(i))")
            }
        }
        return changes
    }
}
