import Crypto
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

    /// Whether a changes file's range `first...last` is within the per-file limit (SPEC §7.2), so
    /// a reader can refuse an over-long range from its name alone, without reading the file.
    public static func rangeIsWithinLimits(first: UInt64, last: UInt64) -> Bool {
        first >= 1 && first <= last && last - first < UInt64(ChangeCodec.Limits.file.maxChanges)
    }

    /// Splits Changes to publish into runs that each fit one changes file (SPEC §7.2: at most
    /// 65,536 Changes and 2,097,152 ops). A single Change over the op limit stays alone in its run.
    public static func split(_ changes: [Change], limits: ChangeCodec.Limits = .file) -> [ArraySlice<Change>] {
        var runs: [ArraySlice<Change>] = []
        var start = changes.startIndex, ops = 0
        for i in changes.indices {
            let n = changes[i].ops.count
            if i > start, i - start >= limits.maxChanges || ops + n > limits.maxOps {
                runs.append(changes[start..<i])
                start = i
                ops = 0
            }
            ops += n
        }
        if start < changes.endIndex { runs.append(changes[start...]) }
        return runs
    }

    /// SHA-256 (swift-crypto), for the hash-chain links of Changes (``Change/digest(hash:)``).
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    /// Encodes a changes payload as this version writes it (format 4.0: a word-coded batch; links
    /// derived within the batch are written as one byte).
    public static func encode(_ changes: [Change]) -> [UInt8] { ChangeCodec.encodeWords(changes, hash: sha256) }

    /// The canonical payloads a changes file of format `major` may hold for `changes`, the one its
    /// writers produce first: a word-coded batch from 4.0 on, else version 1 or 2. A relay
    /// re-encodes an author's Changes and keeps the one the author's signature verifies.
    public static func encodings(_ changes: [Change], major: UInt8) -> [[UInt8]] {
        let classic = ChangeCodec.encode(changes, hash: sha256)
        return major >= ExchangeHeader.wordsMajor ? [ChangeCodec.encodeWords(changes, hash: sha256), classic] : [classic]
    }

    /// Decodes a changes payload and checks it against the header's device and range.
    ///
    /// - throws: ``ExchangeError/tooLarge`` when the range or a count is over the limits of SPEC
    ///   §7.2 (``ChangeCodec/Limits/file(storedLength:)``); ``ExchangeError/malformedPayload``
    ///   (with ``ExchangeError/codecError`` when the encoding itself is wrong).
    public static func decode(_ payload: [UInt8], header: ExchangeHeader) throws -> [Change] {
        guard rangeIsWithinLimits(first: header.first, last: header.last) else {
            throw ExchangeError(.tooLarge, "the range \(header.first)-\(header.last) holds more than \(ChangeCodec.Limits.file.maxChanges) Changes")
        }
        let changes: [Change]
        do {
            // Hash-chain links (batch version 2) arrived with format 3.0 (SPEC §7.2, §11).
            if header.major < ExchangeHeader.chainedMajor, payload.first == ChangeCodec.chainedVersion {
                throw ExchangeError(.malformedPayload, "a batch with hash-chain links in a format \(header.major) file")
            }
            // Word-coded batches (version 3) arrived with format 4.0 (SPEC §7.2, §11).
            if header.major < ExchangeHeader.wordsMajor, payload.first == ChangeCodec.wordsVersion {
                throw ExchangeError(.malformedPayload, "a word-coded batch in a format \(header.major) file")
            }
            changes = try ChangeCodec.decode(payload, limits: .file(storedLength: header.storedLength), hash: sha256)
        } catch let error as CodecError {
            if error.code == .overLimit { throw ExchangeError(.tooLarge, error.description, codecError: error) }
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
            // Within a file the chain never stops, and every link after the first is derived
            // from the Change before it (SPEC §7.2): a file cannot hold a fork.
            if i > 0, c.isChained ? c.prev != changes[i - 1].digest(hash: sha256) : changes[i - 1].isChained {
                throw ExchangeError(.malformedPayload, "Change \(i) does not continue the hash chain of the Change before it")
            }
        }
        return changes
    }
}
