import Foundation

/// Turns raw file bytes into text the parsers accept, rejecting binary files.
///
/// Accepted: UTF-8 with or without a byte order mark, and UTF-16 with a byte order mark (as
/// some Windows tools write). Rejected with a line number: NUL bytes (binary data) and bytes
/// that are not valid UTF-8 (binary data or a legacy 8-bit encoding).
public enum InteropText {
    /// The text of `bytes` without a byte order mark.
    /// - Throws: ``InteropError/binaryContent(line:)`` or ``InteropError/invalidUTF8(line:)``.
    public static func decode(_ bytes: [UInt8]) throws(InteropError) -> String {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(bytes: bytes.dropFirst(2), encoding: encoding) else {
                throw .invalidUTF8(line: 1)
            }
            return try prepare(text)
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw .binaryContent(line: lineNumber(ofOffset: nul, in: bytes))
        }
        if let bad = firstInvalidUTF8Offset(bytes) {
            throw .invalidUTF8(line: lineNumber(ofOffset: bad, in: bytes))
        }
        return try prepare(String(decoding: bytes, as: UTF8.self))
    }

    /// The text of `data`; see the `[UInt8]` overload.
    public static func decode(_ data: Data) throws(InteropError) -> String {
        try decode([UInt8](data))
    }

    /// `text` without a leading byte order mark.
    /// - Throws: ``InteropError/binaryContent(line:)`` when it holds a NUL character.
    public static func prepare(_ text: String) throws(InteropError) -> String {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let bytes = Array(text.utf8)
        if let nul = bytes.firstIndex(of: 0) {
            throw .binaryContent(line: lineNumber(ofOffset: nul, in: bytes))
        }
        return text
    }

    /// The 1-based line holding byte `offset`; CRLF, LF and a lone CR each end a line.
    static func lineNumber(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for i in 0..<min(offset, bytes.count) {
            if bytes[i] == 0x0A {
                line += 1
            } else if bytes[i] == 0x0D, i + 1 >= bytes.count || bytes[i + 1] != 0x0A {
                line += 1
            }
        }
        return line
    }

    /// The offset of the first byte that breaks UTF-8 well-formedness, or `nil`.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            guard (low...high).contains(bytes[i + 1]) else { return i }
            for k in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[i + k]) { return i }
            i += length
        }
        return nil
    }
}
