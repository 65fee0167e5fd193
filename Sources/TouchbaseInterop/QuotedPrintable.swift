import Foundation

/// Quoted-printable decoding for vCard 2.1/3.0 values (`ENCODING=QUOTED-PRINTABLE`).
enum QuotedPrintable {
    /// Decodes `=XX` escapes to bytes, then the bytes as `charset` (UTF-8 when absent or
    /// unknown; ISO-8859-1 and Windows-1252 are understood). Soft line breaks are already
    /// removed by unfolding; a malformed escape is kept literally.
    static func decode(_ text: String, charset: String?) -> String {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        var i = 0
        while i < input.count {
            if input[i] == UInt8(ascii: "="), i + 2 < input.count,
               let hi = hex(input[i + 1]), let lo = hex(input[i + 2]) {
                bytes.append(hi << 4 | lo)
                i += 3
            } else {
                bytes.append(input[i])
                i += 1
            }
        }
        switch charset?.lowercased() {
        case "iso-8859-1", "latin1", "iso8859-1":
            return String(bytes: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        case "windows-1252", "cp1252":
            return String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
