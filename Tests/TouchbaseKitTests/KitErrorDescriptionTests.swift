import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseInterop
import TouchbaseKit
import TouchbaseStore
import TouchbaseSync

/// Every code of every kit error type, built with personal values in every field that may hold
/// them: the default description names no client command, option or environment variable and
/// carries none of the personal values; the expanded description carries them when asked.
@Suite struct KitErrorDescriptionTests {
    /// What no kit description may contain: a command, an option, an environment variable.
    static let clientTerms = ["touchbase ", "`touchbase", "--", "TOUCHBASE_"]

    // Personal values: a name, an email, a note, a query, a value, a path under a home folder.
    static let name = "Ada Lovelace"
    static let email = "ada.lovelace@example.org"
    static let note = "Met at the Difference Engine demo"
    static let query = "Ada Lov"
    static let value = "ada.lovelace@@example"
    static let path = "/home/ada.lovelace/Touchbase/touchbase.db"
    static let typedKey = "lovelace-secret"
    static let personal = [name, email, note, query, value, path, typedKey, "Lovelace", "ada.lovelace"]

    /// Each kit error, with a label for failure messages.
    static var samples: [(String, any Error)] {
        var out: [(String, any Error)] = []
        for code in StoreError.Code.allCases {
            out.append(("StoreError.\(code)", StoreError(code, entity: "contact", field: "emails", path: path, value: value,
                                                          query: query, candidates: ["\(name)  (\(note))", email],
                                                          version: "v9-future", detail: "bad contact row")))
        }
        out += [
            ("StoreError.notInitialized(path:)", StoreError.notInitialized(path: path)),
            ("StoreError.alreadyInitialized(path:)", StoreError.alreadyInitialized(path: path)),
            ("StoreError.invalidValue", StoreError.invalidValue(entity: "contact", field: "emails", value: value)),
            ("StoreError.notFound", StoreError.notFound(entity: "contact", query: query)),
            ("StoreError.ambiguous", StoreError.ambiguous(entity: "contact", query: query, candidates: [name, email])),
        ]
        for code in SyncError.Code.allCases {
            out.append(("SyncError.\(code)", SyncError(code, path: path, reason: "is damaged")))
        }
        out += [
            ("SyncError.folderMissing(_:)", SyncError.folderMissing(path)),
            ("SyncError.folderNotEmptyToEncrypt(_:)", SyncError.folderNotEmptyToEncrypt(path)),
            ("SyncError.signingKeyUnusable(path:reason:)", SyncError.signingKeyUnusable(path: path, reason: "cannot be written: No space left on device")),
        ]
        for code in WorkflowError.Code.allCases {
            // A key is personal when it was typed and is unknown; a known key is the method's own.
            let key = code == .invalidSetting ? "daily-target" : typedKey
            out.append(("WorkflowError.\(code)", WorkflowError(code, contact: name, key: key, reason: "a whole number from 1 to 50",
                                                               detail: "\(name) has no planned meeting")))
        }
        out += [
            ("WorkflowError.nothingToSay(contact:)", WorkflowError.nothingToSay(contact: name)),
            ("WorkflowError.unknownSetting(_:)", WorkflowError.unknownSetting(typedKey)),
            ("WorkflowError.missing(_:)", WorkflowError.missing("no contact \(name)")),
        ]
        for code in InteropError.Code.allCases {
            out.append(("InteropError.\(code)", InteropError(code, line: 3, beginLine: 1, text: "\(name),\(email),\(note)",
                                                              hint: .looksLikeVCard,
                                                              format: .outlookCSV, expected: .linkedInCSV, columns: ["URL"],
                                                              path: path, reason: "permission denied")))
        }
        out += [
            ("InteropError.unrecognizedCSVHeader", InteropError.unrecognizedCSVHeader(line: 1, header: "\(name),\(email)", hint: nil)),
            ("InteropError.notVCard", InteropError.notVCard(line: 2, found: "NOTE:\(note)")),
            ("InteropError.unreadableFile", InteropError.unreadableFile(path: path, reason: "no such file or directory")),
        ]
        for code in CodecError.Code.allCases {
            out.append(("CodecError.\(code)", CodecError(code, offset: 12, detail: "record index 9 out of range", version: 2)))
        }
        for code in exchangeCodes {
            out.append(("ExchangeError.\(code)", ExchangeError(code, "declared 12 bytes, found 9", file: "changes/0a1b/1-4.tbx",
                                                               codecError: .truncated(at: 4))))
        }
        for code in folderAccessCodes {
            out.append(("FolderAccessError.\(code)", FolderAccessError(code, "key generation 2, pinned 1")))
        }
        for code in WorkspaceError.Code.allCases {
            out.append(("WorkspaceError.\(code)", WorkspaceError(code, field: "minutes", detail: "0...1440")))
        }
        return out
    }

    static let exchangeCodes: [ExchangeError.Code] = [
        .truncated, .badMagic, .newerMajorVersion, .malformedHeader, .lengthMismatch, .checksumMismatch, .tooLarge,
        .decompressionFailed, .decryptionFailed, .malformedPayload, .nameMismatch, .keyRequired, .wrongPassphrase,
        .badKeyFile, .publishConflict, .writeFailed, .readFailed, .invalidArgument, .signatureInvalid, .keyMismatch,
        .signerUnknown, .unsigned,
    ]

    static let folderAccessCodes: [FolderAccessError.Code] = [
        .passphraseRequired, .passphraseRequiredToEncrypt, .keyFileMissing, .keyFileChanged, .folderKeyChanged,
        .concurrentKeyChange, .waitingForKeyFile, .folderNotEmptyToEncrypt, .notEncrypted, .samePassphrase,
    ]

    /// The texts a client may show or log without asking: `description`, `errorDescription`,
    /// `localizedDescription`.
    static func defaultTexts(_ error: any Error) -> [String] {
        [String(describing: error), (error as? LocalizedError)?.errorDescription, error.localizedDescription].compactMap { $0 }
    }

    @Test func defaultDescriptionsNameNoClientTermAndNoPersonalData() {
        let samples = Self.samples
        #expect(samples.count > 80)
        for (label, error) in samples {
            for text in Self.defaultTexts(error) {
                #expect(!text.isEmpty, "\(label)")
                for term in Self.clientTerms {
                    #expect(!text.contains(term), "\(label): \"\(text)\" contains \(term)")
                }
                for value in Self.personal {
                    #expect(!text.contains(value), "\(label): \"\(text)\" contains the personal value \(value)")
                }
            }
        }
    }

    @Test func everyCodeHasItsOwnDescription() {
        let store = StoreError.Code.allCases.map { StoreError($0, entity: "contact", field: "emails").description }
        let sync = SyncError.Code.allCases.map { SyncError($0).description }
        let workflow = WorkflowError.Code.allCases.map { WorkflowError($0).description }
        let interop = InteropError.Code.allCases.map { InteropError($0, line: 1).description }
        let codec = CodecError.Code.allCases.map { CodecError($0, offset: 1, detail: "x \($0)").description }
        for texts in [store, sync, workflow, interop, codec] {
            #expect(Set(texts).count == texts.count, "\(texts)")
        }
    }

    @Test func expandedDescriptionsCarryThePersonalDataWhenAsked() {
        let expanded: [(any ExpandedDescribing, [String])] = [
            (StoreError.notInitialized(path: Self.path), [Self.path]),
            (StoreError.invalidValue(entity: "contact", field: "emails", value: Self.value), [Self.value]),
            (StoreError.notFound(entity: "contact", query: Self.query), [Self.query]),
            (StoreError.ambiguous(entity: "contact", query: Self.query, candidates: [Self.name, Self.email]), [Self.query, Self.name, Self.email]),
            (SyncError.folderMissing(Self.path), [Self.path]),
            (SyncError.signingKeyUnusable(path: Self.path, reason: "is damaged"), [Self.path, "is damaged"]),
            (WorkflowError.nothingToSay(contact: Self.name), [Self.name]),
            (WorkflowError.unknownSetting(Self.typedKey), [Self.typedKey]),
            (InteropError.notVCard(line: 2, found: Self.note), [Self.note, "Line 2"]),
            (InteropError.unreadableFile(path: Self.path, reason: "permission denied"), [Self.path, "permission denied"]),
        ]
        for (error, values) in expanded {
            for value in values {
                #expect(error.expandedDescription.contains(value), "\(error.expandedDescription) lacks \(value)")
            }
            #expect(error.expandedDescription.hasPrefix(error.description))
        }
    }

    @Test func anUnrecognisedHeaderCarriesAHintAsACode() {
        let vcard = #expect(throws: InteropError.self) { try CSVImport.parse(text: "BEGIN:VCARD\nFN:\(Self.name)\nEND:VCARD\n") }
        #expect(vcard?.code == .unrecognizedCSVHeader && vcard?.hint == .looksLikeVCard && vcard?.line == 1)
        let semicolons = #expect(throws: InteropError.self) { try CSVImport.parse(text: "Name;Email\n\(Self.name);\(Self.email)\n") }
        #expect(semicolons?.hint == .notCommaSeparated)
        #expect(semicolons?.text == "Name;Email")
        #expect(semicolons.map { !$0.description.contains("Name;Email") } == true)
    }

    @Test func factoriesKeepTheFormerCasesAndCompareByValue() {
        #expect(StoreError.notFound(entity: "contact", query: "Ada") == StoreError.notFound(entity: "contact", query: "Ada"))
        #expect(StoreError.notFound(entity: "contact", query: "Ada") != StoreError.notFound(entity: "contact", query: "Bob"))
        #expect(StoreError.notFound(entity: "contact", query: "Ada").code == .notFound)
        #expect(SyncError.noFolder.code == .noFolder)
        #expect(WorkflowError.emptyDebrief.code == .emptyDebrief)
        #expect(InteropError.emptyInput.line == nil)
        #expect(InteropError.missingVCardEnd(beginLine: 1, line: 4).line == 4)
        #expect(CodecError.truncated(at: 4).description == "truncated at byte 4")
    }
}
