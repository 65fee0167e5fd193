import TouchbaseInterop

extension ErrorText {
    /// The terminal's message for an ``InteropError``: a sentence naming the line.
    static func interop(_ e: InteropError) -> String {
        let line = e.line ?? 0
        switch e.code {
        case .emptyInput:
            return "The file is empty."
        case .binaryContent:
            return "Line \(line): the file contains NUL bytes; it is a binary file, not CSV or vCard text."
        case .invalidUTF8:
            return "Line \(line): the file is not valid UTF-8 text (binary data, or a legacy encoding); re-save it as UTF-8."
        case .unterminatedQuote:
            return "Line \(line): a quoted field starts here and is never closed (unbalanced \")."
        case .unrecognizedCSVHeader:
            var text = "Line \(line): the header \"\(InteropError.clip(e.text ?? ""))\" is not one of \(InteropError.knownFormats)."
            switch e.hint {
            case .looksLikeVCard: text += " It looks like a vCard file; import it as vCard."
            case .notCommaSeparated: text += " Its fields seem separated by ';' or tabs; export it as comma-separated CSV."
            case nil: break
            }
            return text
        case .unexpectedFormat:
            return "Line \(line): this file is \(e.format.map(\.description) ?? "another format"), not \(e.expected.map(\.description) ?? "the format asked for")."
        case .missingColumns:
            return "Line \(line): this looks like a \(e.format.map(\.description) ?? "known") file but lacks the column(s) \(e.columns.joined(separator: ", "))."
        case .notVCard:
            return "Line \(line): expected BEGIN:VCARD, found \"\(InteropError.clip(e.text ?? ""))\"; this is not a vCard file."
        case .missingVCardEnd:
            return "Line \(line): the vCard begun on line \(e.beginLine ?? 0) has no END:VCARD."
        case .unexpectedVCardEnd:
            return "Line \(line): END:VCARD without a matching BEGIN:VCARD."
        case .unreadableFile:
            return "Cannot read \(e.path ?? "the file"): \(e.reason ?? "unknown cause")"
        }
    }
}
