/// How many terminal cells text takes, in the spirit of POSIX `wcwidth`: East Asian wide and
/// fullwidth characters and emoji take 2, combining marks and other zero-width characters 0,
/// everything else 1.
///
/// Built from the Unicode East Asian Width ranges (W and F) and the standard library's emoji and
/// general-category properties; no table beyond those ranges, no dependency.
enum DisplayWidth {
    /// East Asian Wide (W) and Fullwidth (F) ranges (Unicode 15, merged), emoji aside.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x2E80...0x303E,    // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed
        0x3400...0x4DBF,    // CJK Extension A
        0x4E00...0x9FFF,    // CJK Unified Ideographs
        0xA000...0xA4CF,    // Yi
        0xA960...0xA97F,    // Hangul Jamo Extended-A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00...0xFF60,    // fullwidth forms
        0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,  // Tangut, Kana supplement and extensions
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK Extensions B–F
        0x30000...0x3FFFD,  // CJK Extension G and later
    ]

    /// The cells one scalar takes on its own: 0, 1 or 2 (control characters count 0; callers make
    /// them visible first).
    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(v) || v == 0x200B { return 0 }  // Hangul medial/final Jamo, zero width space
        if scalar.properties.isEmojiPresentation { return 2 }
        if isWide(v) { return 2 }
        return 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { high = mid - 1 } else if v > r.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// The cells one grapheme cluster takes: the widest of its scalars (a ZWJ family or a flag is
    /// one 2-cell emoji), and 2 for a text-default emoji made emoji by U+FE0F.
    static func width(of character: Character) -> Int {
        var widest = 0
        var emojiBase = false
        for s in character.unicodeScalars {
            if s.value == 0xFE0F && emojiBase { return 2 }
            if s.properties.isEmoji && s.value > 0xFF { emojiBase = true }
            widest = max(widest, width(of: s))
        }
        return widest
    }

    /// The cells `text` takes (no control characters expected; see ``TerminalText``).
    static func width(of text: some StringProtocol) -> Int {
        // ASCII text (most names and fields), byte by byte: a printable byte is one cell, a control none.
        var ascii = 0
        var allASCII = true
        for b in text.utf8 {
            guard b < 0x80 else { allASCII = false; break }
            if b >= 0x20 && b != 0x7F { ascii += 1 }
        }
        if allASCII { return ascii }
        var total = 0
        for c in text {
            if c.isASCII { total += (c.asciiValue! >= 0x20 && c.asciiValue! != 0x7F) ? 1 : 0 } else { total += width(of: c) }
        }
        return total
    }
}
