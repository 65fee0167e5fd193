import Foundation

/// Quoted-printable decoding for vCard 2.1/3.0 values (`ENCODING=QUOTED-PRINTABLE`).
enum QuotedPrintable {
    /// Decodes `=XX` escapes to bytes, then the bytes as `charset` (UTF-8 when absent or
    /// unknown; ISO-8859-1 and Windows-1252 are understood). Soft line breaks are already
    /// removed by unfolding; a malformed escape is kept literally.
    static func decode(_ text: String, charset: String?) -> String {
        let bytes = HexEscape.decode(Array(text.utf8), escape: UInt8(ascii: "="))
        switch charset?.lowercased() {
        case "iso-8859-1", "latin1", "iso8859-1":
            return String(bytes: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        case "windows-1252", "cp1252":
            return String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
