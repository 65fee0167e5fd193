import CZlib

/// zlib (RFC 1950) compression with a hard cap on the inflated size.
///
/// ```swift
/// let packed = Zlib.compress(bytes)
/// let again = try Zlib.decompress(packed, exactLength: bytes.count)   // == bytes
/// ```
///
/// Inflating never allocates more than the declared length, and never more than the input could
/// plausibly produce so far: the output grows in steps as data actually inflates. A stream that would
/// produce more than declared (a decompression bomb), less, or has bytes after its end, throws.
public enum Zlib {
    /// The linked zlib's version, e.g. "1.2.13". Compressed bytes are deterministic for one version.
    public static var version: String { String(cString: zlibVersion()) }

    /// The window size: 2^15 bytes, zlib header and Adler-32 trailer (RFC 1950).
    static let windowBits: Int32 = 15

    /// Compresses `input` (level 9, window 2^15, memLevel 8, default strategy). The output is
    /// deterministic for a given zlib build.
    public static func compress(_ input: [UInt8], level: Int32 = 9) -> [UInt8] {
        var stream = z_stream()
        guard tb_deflateInit2(&stream, level, windowBits, 8) == Z_OK else {
            fatalError("deflateInit2 failed: zlib is unusable")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var source = input
        let produced: Int = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                let rc = deflate(&stream, Z_FINISH)
                precondition(rc == Z_STREAM_END, "deflate into deflateBound bytes must finish (rc \(rc))")
                return dst.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// Inflates a zlib stream that must produce exactly `exactLength` bytes and end exactly at the
    /// end of `input`.
    ///
    /// - throws: ``ExchangeError/decompressionFailed`` for an invalid stream, a stream that produces
    ///   more or fewer bytes than `exactLength`, or bytes after the end of the stream.
    public static func decompress<C: Collection>(_ input: C, exactLength: Int) throws -> [UInt8] where C.Element == UInt8 {
        precondition(exactLength >= 0)
        var source = Array(input)
        var stream = z_stream()
        guard tb_inflateInit2(&stream, windowBits) == Z_OK else {
            throw ExchangeError(.decompressionFailed, "inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        // Grow the output in steps so a small hostile file that claims a large size costs little.
        var step = min(exactLength, max(64 * 1024, source.count * 8))
        var finished = false
        try source.withUnsafeMutableBufferPointer { src in
            stream.next_in = src.baseAddress
            stream.avail_in = uInt(src.count)
            while !finished {
                let room = min(step, exactLength - output.count)
                // One spare byte beyond the declared length detects a stream that inflates past it.
                let window = room + (output.count + room == exactLength ? 1 : 0)
                let before = output.count
                output.append(contentsOf: repeatElement(0, count: window))
                let rc: Int32 = output.withUnsafeMutableBufferPointer { dst in
                    stream.next_out = dst.baseAddress! + before
                    stream.avail_out = uInt(window)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let got = window - Int(stream.avail_out)
                output.removeLast(window - got)
                if output.count > exactLength {
                    throw ExchangeError(.decompressionFailed, "payload inflates past its declared \(exactLength) bytes")
                }
                switch rc {
                case Z_STREAM_END:
                    finished = true
                case Z_OK:
                    if got == 0 && stream.avail_in == 0 {
                        throw ExchangeError(.decompressionFailed, "zlib stream ends early after \(output.count) of \(exactLength) bytes")
                    }
                case Z_BUF_ERROR:
                    throw ExchangeError(.decompressionFailed, "zlib stream ends early after \(output.count) of \(exactLength) bytes")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(rc)"
                    throw ExchangeError(.decompressionFailed, "invalid zlib stream: \(message)")
                }
                step = min(step * 2, 16 * 1024 * 1024)
            }
            if stream.avail_in != 0 {
                throw ExchangeError(.decompressionFailed, "\(stream.avail_in) bytes after the end of the zlib stream")
            }
        }
        guard output.count == exactLength else {
            throw ExchangeError(.decompressionFailed, "payload inflates to \(output.count) bytes, declared \(exactLength)")
        }
        return output
    }
}
