import Foundation
import TouchbaseCore

/// Why an exchange file, the folder key or the shared folder could not be used.
///
/// The set of failures may grow, so this is a struct that wraps a ``Code``; match on the code:
///
/// ```swift
/// do {
///     let changes = try folder.readChanges(entry)
/// } catch ExchangeError.newerMajorVersion {
///     // written by a newer Touchbase: leave it alone, say so
/// } catch let error as ExchangeError where error.isStillArrivingOrDamaged {
///     // skip it, report it, retry next sync; never delete it
/// }
/// ```
///
/// `errorDescription` never contains user data (names, values); it names the file, the failure and
/// the numbers that explain it.
public struct ExchangeError: Error, LocalizedError, Hashable, Sendable, CustomStringConvertible {
    /// A failure kind. The raw values are the names used in `Protocol/vectors/manifest.json`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Lets `catch ExchangeError.checksumMismatch` match an ``ExchangeError`` with that code.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? ExchangeError)?.code == code
        }
    }

    /// What went wrong.
    public let code: Code
    /// A technical explanation: offsets, declared and actual sizes, the errno text.
    public let detail: String
    /// The file, relative to the shared folder, when the error concerns one.
    public let file: String?
    /// The change-encoding fault, for ``malformedPayload``.
    public let codecError: CodecError?

    /// Creates an error.
    public init(_ code: Code, _ detail: String, file: String? = nil, codecError: CodecError? = nil) {
        self.code = code
        self.detail = detail
        self.file = file
        self.codecError = codecError
    }

    /// The same error, naming `file`.
    public func at(_ file: String) -> ExchangeError {
        ExchangeError(code, detail, file: file, codecError: codecError)
    }

    /// Whether a reader should skip the file, report it as "still arriving or damaged" and try again
    /// next time (never delete it). False for folder-level failures and for a newer format.
    public var isStillArrivingOrDamaged: Bool {
        ExchangeError.damageCodes.contains(code)
    }

    /// Whether the file was refused as not written by the device it names (a bad signature, or
    /// another key than the device's pinned one): reported, never applied. Not damage: its checksum
    /// was right, so someone made it so.
    public var isRejectedSignature: Bool {
        code == .signatureInvalid || code == .keyMismatch
    }

    static let damageCodes: Set<Code> = [
        .truncated, .badMagic, .malformedHeader, .lengthMismatch, .checksumMismatch, .tooLarge,
        .decompressionFailed, .decryptionFailed, .malformedPayload, .nameMismatch,
    ]

    public var errorDescription: String? {
        let subject = file.map { "\($0): " } ?? ""
        let what: String
        switch code {
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
        case .publishConflict: what = "a different file was already published under this name: another copy of this database may be publishing under the same device id"
        case .writeFailed: what = "could not write to the shared folder; nothing was published"
        case .readFailed: what = "could not read from the shared folder"
        case .signatureInvalid: what = "the signature does not verify: forged, or altered after signing; rejected"
        case .keyMismatch: what = "signed by another key than the device's pinned key: rejected"
        case .signerUnknown: what = "the device's key is not known yet; waiting for its device card"
        case .unsigned: what = "older format, unsigned; left alone until its device re-signs it"
        case .invalidArgument: what = "invalid request"
        default: what = code.rawValue
        }
        return "\(subject)\(what) — \(detail)"
    }

    public var description: String { errorDescription ?? code.rawValue }

}

// MARK: - Codes

extension ExchangeError.Code {
    /// The file ends before its header or its declared payload does; often a file still arriving.
    public static let truncated = Self(rawValue: "truncated")
    /// The first bytes are not the Touchbase magic.
    public static let badMagic = Self(rawValue: "badMagic")
    /// The format's major version is newer than this reader: leave the file alone and report it.
    public static let newerMajorVersion = Self(rawValue: "newerMajorVersion")
    /// A header field is invalid (unknown kind, header too short, bad sequence range, …).
    public static let malformedHeader = Self(rawValue: "malformedHeader")
    /// The file is longer than declared, or the declared lengths contradict each other.
    public static let lengthMismatch = Self(rawValue: "lengthMismatch")
    /// The SHA-256 trailer does not match.
    public static let checksumMismatch = Self(rawValue: "checksumMismatch")
    /// A declared size is over the reader's limit: nothing is allocated or inflated.
    public static let tooLarge = Self(rawValue: "tooLarge")
    /// The zlib stream is invalid or does not inflate to exactly the declared size.
    public static let decompressionFailed = Self(rawValue: "decompressionFailed")
    /// Authentication failed: wrong key, or a forged or altered file.
    public static let decryptionFailed = Self(rawValue: "decryptionFailed")
    /// The payload does not decode (see ``ExchangeError/codecError``) or contradicts the header.
    public static let malformedPayload = Self(rawValue: "malformedPayload")
    /// The file's name and header disagree (device or sequence range).
    public static let nameMismatch = Self(rawValue: "nameMismatch")
    /// The file is encrypted and no folder key was given.
    public static let keyRequired = Self(rawValue: "keyRequired")
    /// The passphrase does not open the folder key file.
    public static let wrongPassphrase = Self(rawValue: "wrongPassphrase")
    /// The folder key file is structurally invalid or uses parameters over the limits.
    public static let badKeyFile = Self(rawValue: "badKeyFile")
    /// Publishing found a different file under the same name.
    public static let publishConflict = Self(rawValue: "publishConflict")
    /// A write, fsync or rename failed (read-only folder, full disk, …); no file was left under a real name.
    public static let writeFailed = Self(rawValue: "writeFailed")
    /// Listing or reading failed for a reason other than the file's content.
    public static let readFailed = Self(rawValue: "readFailed")
    /// The caller asked for something impossible (e.g. publishing another device's Changes).
    public static let invalidArgument = Self(rawValue: "invalidArgument")
    /// The Ed25519 signature (or a device card's endorsement) does not verify: forged, or altered
    /// after signing. Rejected, never applied.
    public static let signatureInvalid = Self(rawValue: "signatureInvalid")
    /// Validly signed, but by another key than the one pinned for the device the file names: another
    /// device speaking for it, or a key change without the old key's endorsement. Rejected.
    public static let keyMismatch = Self(rawValue: "keyMismatch")
    /// No key is pinned for the file's device yet: the file waits for the device's card.
    public static let signerUnknown = Self(rawValue: "signerUnknown")
    /// A format 1.x file: it carries no signature, so it is left alone and never applied.
    public static let unsigned = Self(rawValue: "unsigned")
}

extension ExchangeError {
    public static let truncated = Code.truncated
    public static let badMagic = Code.badMagic
    public static let newerMajorVersion = Code.newerMajorVersion
    public static let malformedHeader = Code.malformedHeader
    public static let lengthMismatch = Code.lengthMismatch
    public static let checksumMismatch = Code.checksumMismatch
    public static let tooLarge = Code.tooLarge
    public static let decompressionFailed = Code.decompressionFailed
    public static let decryptionFailed = Code.decryptionFailed
    public static let malformedPayload = Code.malformedPayload
    public static let nameMismatch = Code.nameMismatch
    public static let keyRequired = Code.keyRequired
    public static let wrongPassphrase = Code.wrongPassphrase
    public static let badKeyFile = Code.badKeyFile
    public static let publishConflict = Code.publishConflict
    public static let writeFailed = Code.writeFailed
    public static let readFailed = Code.readFailed
    public static let invalidArgument = Code.invalidArgument
    public static let signatureInvalid = Code.signatureInvalid
    public static let keyMismatch = Code.keyMismatch
    public static let signerUnknown = Code.signerUnknown
    public static let unsigned = Code.unsigned

    /// A ``malformedPayload`` error wrapping a codec fault.
    static func malformed(_ error: CodecError) -> ExchangeError {
        ExchangeError(.malformedPayload, error.description, codecError: error)
    }
}
