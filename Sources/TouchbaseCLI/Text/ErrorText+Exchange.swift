import TouchbaseExchange

extension ErrorText {
    /// The terminal's message for an ``ExchangeError``: the file, what is wrong with it and what the
    /// sync does about it, then the technical detail.
    static func exchange(_ e: ExchangeError) -> String {
        let subject = e.file.map { "\($0): " } ?? ""
        let what: String
        switch e.code {
        case .truncated: what = "file is shorter than its header says (still arriving or damaged)"
        case .badMagic: what = "not a Touchbase exchange file (still arriving or damaged)"
        case .newerMajorVersion: what = "written in a newer format by a newer Touchbase; left alone"
        case .malformedHeader: what = "the file header is invalid (still arriving or damaged)"
        case .lengthMismatch: what = "declared lengths do not match the file (still arriving or damaged)"
        case .checksumMismatch: what = "checksum mismatch (still arriving or damaged)"
        case .tooLarge: what = "declared size is over the safety limit; not read (damaged or hostile)"
        case .decompressionFailed: what = "compressed payload is invalid (still arriving or damaged)"
        case .decryptionFailed: what = "could not be decrypted: wrong folder key, or the file was forged or altered"
        case .malformedPayload: what = "payload is malformed (damaged)"
        case .nameMismatch: what = "file name does not match its header (damaged or misplaced)"
        case .keyRequired: what = "file is encrypted; the folder passphrase is needed"
        case .wrongPassphrase: what = "wrong passphrase for this shared folder"
        case .badKeyFile: what = "the folder key file is invalid"
        case .publishConflict:
            what = "a different file was already published under this name: another copy of this database may be publishing under the same device id"
        case .writeFailed: what = "could not write to the shared folder; nothing was published"
        case .readFailed: what = "could not read from the shared folder"
        case .signatureInvalid: what = "the signature does not verify: forged, or altered after signing; rejected"
        case .keyMismatch: what = "signed by another key than the device's pinned key: rejected"
        case .signerUnknown: what = "the device's key is not known yet; waiting for its device card"
        case .unsigned: what = "older format, unsigned; left alone until its device re-signs it"
        case .invalidArgument: what = "invalid request"
        default: what = e.code.rawValue
        }
        return "\(subject)\(what) — \(e.detail)"
    }
}
