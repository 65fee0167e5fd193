import Testing
@testable import TouchbaseCLI

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("\u{1B}]0;pwned\u{07}", "^[]0;pwned^G"), ("\u{1B}[2J", "^[[2J"), ("a\nb", "a\\nb"), ("a\r\nb", "a\\r\\nb"),
        ("tab\there", "tab\\there"), ("del\u{7F}", "del^?"), ("c1\u{9B}31m", "c1\\u{9B}31m"), ("\u{202E}exe.txt", "\\u{202E}exe.txt"),
        ("\u{2066}iso\u{2069}", "\\u{2066}iso\\u{2069}"), ("nul\u{0}", "nul^@"), ("plain 张伟 😀", "plain 张伟 😀"),
    ])
    func visibleForms(_ raw: String, _ shown: String) {
        #expect(TerminalText.visible(raw) == shown)
        #expect(TerminalText.clean(raw) == shown)
    }

    @Test func theToolsOwnColoursSurviveOthersDoNot() {
        let styled = TerminalText.styled("Name", "1") + "  " + TerminalText.styled("warn", "33")
        #expect(TerminalText.clean(styled) == "\u{1B}[1mName\u{1B}[0m  \u{1B}[33mwarn\u{1B}[0m")
        #expect(TerminalText.width(styled) == "Name  warn".count)
        // The same escape sequences coming from data are shown, not obeyed.
        #expect(TerminalText.clean("\u{1B}[31mred\u{1B}[0m") == "^[[31mred^[[0m")
        #expect(TerminalText.clean("\u{1B}[8mhidden") == "^[[8mhidden")
        // A styled name keeps its escapes visible inside the colour.
        #expect(TerminalText.clean(TerminalText.styled("a\u{1B}[2J", "2")) == "\u{1B}[2ma^[[2J\u{1B}[0m")
    }

    @Test(arguments: [
        ("Ada", 3), ("张伟", 4), ("山田太郎", 8), ("한국어", 6), ("ｶﾅ", 2), ("ＡＢ", 4), ("😀", 2), ("👍🏽", 2), ("👩‍👩‍👧", 2), ("🇫🇷", 2),
        ("❤️", 2), ("e\u{301}", 1), ("\u{301}", 0), ("a\u{200B}b", 2), ("Zoë", 3), ("\u{1B}", 2),
    ])
    func displayWidth(_ text: String, _ cells: Int) {
        #expect(TerminalText.width(text) == cells)
    }

    @Test func clipCountsCellsAndNeverCutsAClusterOrAnEscape() {
        #expect(TerminalText.clip("张伟张伟张伟", to: 5) == "张伟…")
        #expect(TerminalText.clip("abc", to: 3) == "abc")
        #expect(TerminalText.clip("abcd", to: 3) == "ab…")
        #expect(TerminalText.clip("ab\u{1B}[2J", to: 4) == "ab…")  // `^[` would not fit whole
        #expect(TerminalText.clip("a👩‍👩‍👧b", to: 3) == "a…")
        #expect(TerminalText.clip("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
        #expect(TerminalText.width(TerminalText.clip(String(repeating: "😀", count: 20), to: 9)) <= 9)
    }

    @Test func tableColumnsAlignOnCells() {
        var table = TextTable(["NAME", "ORG"])
        table.add(["张伟", "A"])
        table.add(["Bob", "B"])
        table.add(["😀x", "C"])
        let lines = table.render(Terminal()).lines
        #expect(lines[1] == "张伟  A")
        #expect(lines[2] == "Bob   B")
        #expect(lines[3] == "😀x   C")
        #expect(TextTable(["A"]).render(Terminal()).lines == ["A"])
    }

    @Test func outputKeepsBlockLinesAndEscapesBreaksInsideOneLine() {
        #expect(Output.clean(["a\nb"]) == "a\\nb")
        #expect(Output.clean([TextBlock(["a", "b\u{1B}[2J"])]) == "a\nb^[[2J")
    }
}

/// ASCII text is measured byte by byte (the listings measure every cell): the same widths as
/// measuring it character by character.
@Suite struct DisplayWidthASCIITests {
    @Test func asciiTextCountsItsPrintableBytes() {
        var samples = ["", "Ada Lovelace", "a\r\nb", "tab\there", "del\u{7F}x", "\u{1B}[2J", "nul\u{0}", String(repeating: "x", count: 300)]
        samples.append(String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }))
        for text in samples {
            let byCharacter = text.reduce(0) { $0 + DisplayWidth.width(of: $1) }
            #expect(DisplayWidth.width(of: text) == byCharacter, "\(text.debugDescription)")
        }
        #expect(DisplayWidth.width(of: "Ada Lovelace") == 12)
        #expect(DisplayWidth.width(of: "张伟 Ada") == 8, "not ASCII: character by character")
        #expect(DisplayWidth.width(of: "e\u{301}") == 1)
    }
}

/// Printable ASCII text is answered from one pass over its bytes (names, fields and lines on a
/// board of 10,000 contacts): the same results as the scalar walk, kept here as the oracle.
@Suite struct TerminalTextASCIITests {
    /// The scalar walk of `visible`, as it was before the byte pass.
    static func visibleByScalars(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if TerminalText.isUnsafe(s) { out.append(contentsOf: TerminalText.visibleForm(s).unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }

    /// The cluster walk of `clip`, as it was before the byte pass.
    static func clipByClusters(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let shown = visibleByScalars(text)
        if DisplayWidth.width(of: shown) <= width { return shown }
        var out = "", used = 0
        for c in text {
            let piece = visibleByScalars(String(c))
            let w = DisplayWidth.width(of: piece)
            if used + w > width - 1 { break }
            out += piece
            used += w
        }
        return out + "…"
    }

    @Test func plainASCIIGivesWhatTheScalarWalkGives() {
        var g = SystemRandomNumberGenerator()
        // Every byte below 0x80 (controls and DEL included), and a few scalars beyond it.
        let pool: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) } + ["é", "张", "😀", "\u{9B}", "\u{202E}", "\u{301}", "\r\n"]
        var samples = ["", " ", "~", "Ada Lovelace", String(repeating: "x", count: 40)]
        for _ in 0..<3_000 {
            let asciiOnly = Bool.random(using: &g)
            samples.append((0..<Int.random(in: 0...36, using: &g)).map { _ in
                asciiOnly ? String(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &g))) : pool.randomElement(using: &g)!
            }.joined())
        }
        for text in samples {
            let shown = Self.visibleByScalars(text)
            #expect(TerminalText.isPlainASCII(text) == text.utf8.allSatisfy { (0x20...0x7E).contains($0) })
            #expect(TerminalText.visible(text) == shown, "\(text.debugDescription)")
            #expect(TerminalText.clean(text) == shown, "\(text.debugDescription)")
            #expect(TerminalText.withoutStyle(text) == text, "\(text.debugDescription)")
            #expect(TerminalText.width(text) == DisplayWidth.width(of: shown), "\(text.debugDescription)")
            #expect(TerminalText.width(text[...]) == DisplayWidth.width(of: shown), "\(text.debugDescription)")
            for width in [0, 1, 2, 5, 12, 28, 40] {
                #expect(TerminalText.clip(text, to: width) == Self.clipByClusters(text, to: width), "\(text.debugDescription) to \(width)")
            }
            #expect(TerminalText.pad(text, to: 30) == (DisplayWidth.width(of: shown) >= 30 ? text : text + String(repeating: " ", count: 30 - DisplayWidth.width(of: shown))))
        }
    }
}
