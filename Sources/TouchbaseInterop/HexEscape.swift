/// Two-hex-digit escapes, as in URLs (`%C3%A9`) and quoted-printable (`=C3=A9`).
enum HexEscape {
    /// `escape` followed by two hexadecimal digits replaced by that byte; a malformed escape is
    /// kept literally.
    static func decode(_ bytes: [UInt8], escape: UInt8) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == escape, i + 2 < bytes.count, let hi = value(bytes[i + 1]), let lo = value(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// The value of one hexadecimal digit (either case).
    static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
