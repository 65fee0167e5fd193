import ArgumentParser
import Foundation
import Testing
import TouchbaseCore
import TouchbaseExchange
import TouchbaseInterop
import TouchbaseStore
import TouchbaseSync
@testable import TouchbaseCLI

/// The terminal words the kit's errors itself (``ErrorText``): the same English as before the kit's
/// errors became codes, with the tool's commands and options, and the names and paths the person typed.
@Suite struct ErrorWordingTests {
    /// Each kit error and the exact message the terminal prints for it.
    static let worded: [(any Error, String)] = [
        (StoreError.notInitialized(path: "/h/touchbase.db"), "no Touchbase database at /h/touchbase.db; run `touchbase init` first (or pass --home)"),
        (StoreError.alreadyInitialized(path: "/h/touchbase.db"), "a Touchbase database already exists at /h/touchbase.db"),
        (StoreError.invalidValue(entity: "contact", field: "stage", value: "hot"), "hot is not a valid stage for a contact"),
        (StoreError.unknownField(entity: "contact", field: "x-unknown"), "contact has no field named x-unknown"),
        (StoreError.notFound(entity: "contact", query: "Nobody"), "no contact matches \"Nobody\""),
        (StoreError.ambiguous(entity: "contact", query: "Ada", candidates: ["Ada Lovelace  (Analytical Engines)", "Ada King"]),
         "\"Ada\" matches 2 contacts; use an id prefix:\n  Ada Lovelace  (Analytical Engines)\n  Ada King"),
        (StoreError.newerDatabase("v9"), "this database was written by a newer Touchbase (schema v9); upgrade touchbase"),
        (StoreError.corrupt("no device id"), "the database is damaged: no device id"),
        (StoreError.listInConflict(entity: "contact", field: "emails"),
         "the contact's emails are in conflict (different lists from different devices); choose or give the whole list first, so that no value is dropped"),
        (StoreError(.notEmpty, detail: "the database already holds changes"),
         "a snapshot can only seed a database without changes: the database already holds changes"),
        (StoreError(.logCompacted, detail: "2"),
         "`touchbase device rekey` would have to re-issue 2 changes made here that no file of the shared folder holds under the new id, "
            + "and that needs this database's whole change log, which was compacted; nothing was changed. Keep this home (it still "
            + "shows them), run `touchbase init` in a new home and sync it with the folder, then make those changes again there"),
        (StoreError(.healNeedsSnapshot),
         "healing a fork needs this database's whole history, and its change log starts after the snapshot it joined "
            + "from, which the shared folder no longer holds; nothing was changed"),
        (StoreError(.healWouldDropOwnChanges, detail: "1"),
         "healing a fork would set aside 1 change made here, built on changes this device has not received; nothing was "
            + "changed, and the fork stays unhealed on this device"),
        (SyncError.noFolder, "no shared folder is set; run `touchbase sync --folder PATH` (or `touchbase init --folder PATH`)"),
        (SyncError.folderMissing("/mnt/usb/tb"), "the shared folder /mnt/usb/tb does not exist (is the drive mounted?); nothing was changed"),
        (SyncError.passphraseRequired, "the shared folder is encrypted: set TOUCHBASE_PASSPHRASE to its passphrase"),
        (SyncError.passphraseRequiredToEncrypt, "to encrypt the shared folder, set TOUCHBASE_PASSPHRASE to the new passphrase"),
        (SyncError.folderNotEmptyToEncrypt("/mnt/usb/tb"),
         "/mnt/usb/tb already holds unencrypted Touchbase files; encryption can only be set up on a new, empty shared folder"),
        (SyncError.signingKeyUnusable(path: "/h/touchbase.key", reason: "is damaged"), "this device's signing key is unusable: /h/touchbase.key is damaged"),
        (SyncError.signingKeyUnusable("the key is damaged"), "this device's signing key is unusable: the key is damaged"),
        (WorkflowError.nothingToSay(contact: "Ada Lovelace"),
         "Never reach out without something to say: give Ada Lovelace a reason (--reason \"I wrote a blog post on …\") "
            + "or share one from your library (--share <reason>, see `touchbase reason list`). Use --force to log it anyway."),
        (WorkflowError.unknownSetting("colour"), "no setting named colour; see `touchbase config`"),
        (WorkflowError.invalidSetting(key: "daily-target", reason: "a whole number from 1 to 50"), "daily-target must be a whole number from 1 to 50"),
        (WorkflowError.emptyDebrief, "a debrief needs at least what you learned (--learned) or what is next (--next)"),
        (WorkflowError.missing("no meeting with Ada on 2026-03-02"), "no meeting with Ada on 2026-03-02"),
        (InteropError.emptyInput, "The file is empty."),
        (InteropError.binaryContent(line: 3), "Line 3: the file contains NUL bytes; it is a binary file, not CSV or vCard text."),
        (InteropError.invalidUTF8(line: 2), "Line 2: the file is not valid UTF-8 text (binary data, or a legacy encoding); re-save it as UTF-8."),
        (InteropError.unterminatedQuote(line: 2), "Line 2: a quoted field starts here and is never closed (unbalanced \")."),
        (InteropError.unrecognizedCSVHeader(line: 1, header: "Foo,Bar", hint: .looksLikeVCard),
         "Line 1: the header \"Foo,Bar\" is not one of LinkedIn Connections, Google Contacts (current or legacy), Outlook, or Touchbase CSV. "
            + "It looks like a vCard file; import it as vCard."),
        (InteropError.unrecognizedCSVHeader(line: 2, header: "a;b", hint: .notCommaSeparated),
         "Line 2: the header \"a;b\" is not one of LinkedIn Connections, Google Contacts (current or legacy), Outlook, or Touchbase CSV. "
            + "Its fields seem separated by ';' or tabs; export it as comma-separated CSV."),
        (InteropError.unexpectedFormat(line: 1, found: .outlookCSV, expected: .linkedInCSV), "Line 1: this file is Outlook CSV, not LinkedIn Connections CSV."),
        (InteropError.missingColumns(format: .linkedInCSV, line: 1, columns: ["URL", "Company"]),
         "Line 1: this looks like a LinkedIn Connections CSV file but lacks the column(s) URL, Company."),
        (InteropError.notVCard(line: 2, found: "hello"), "Line 2: expected BEGIN:VCARD, found \"hello\"; this is not a vCard file."),
        (InteropError.missingVCardEnd(beginLine: 1, line: 4), "Line 4: the vCard begun on line 1 has no END:VCARD."),
        (InteropError.unexpectedVCardEnd(line: 4), "Line 4: END:VCARD without a matching BEGIN:VCARD."),
        (InteropError.unreadableFile(path: "/h/x.csv", reason: "permission denied"), "Cannot read /h/x.csv: permission denied"),
        (CodecError.truncated(at: 4), "truncated at byte 4"),
        (CodecError.malformed("bad", at: 2), "bad at byte 2"),
        (CodecError.unsupportedVersion(2), "change encoding version 2 is newer than this reader (1)"),
        (CodecError.overLimit("3 Changes exceed the limit of 2", at: 1), "3 Changes exceed the limit of 2 at byte 1"),
        (ExchangeError(.checksumMismatch, "trailer differs", file: "changes/a/1-2.tbx"), "changes/a/1-2.tbx: checksum mismatch (still arriving or damaged) — trailer differs"),
        (ExchangeError(.wrongPassphrase, "tag mismatch"), "wrong passphrase for this shared folder — tag mismatch"),
    ]

    @Test func everyKitErrorIsWordedAsBefore() {
        for (error, text) in Self.worded {
            #expect(ErrorText.message(for: error) == text)
        }
    }

    @Test func everyCodeIsWorded() {
        let errors: [any Error] = StoreError.Code.allCases.map { StoreError($0) } + SyncError.Code.allCases.map { SyncError($0) }
            + WorkflowError.Code.allCases.map { WorkflowError($0) } + InteropError.Code.allCases.map { InteropError($0) }
            + CodecError.Code.allCases.map { CodecError($0) }
        for error in errors {
            let text = ErrorText.message(for: error)
            #expect(text?.isEmpty == false, "\(error)")
        }
        // Each code of each type in `worded`, so a new code gets its pinned wording there too.
        let pinned = Set(Self.worded.map { "\(type(of: $0.0))" + ".\(Self.code(of: $0.0))" })
        let all = StoreError.Code.allCases.map { "StoreError.\($0)" } + SyncError.Code.allCases.map { "SyncError.\($0)" }
            + WorkflowError.Code.allCases.map { "WorkflowError.\($0)" } + InteropError.Code.allCases.map { "InteropError.\($0)" }
            + CodecError.Code.allCases.map { "CodecError.\($0)" }
        for name in all { #expect(pinned.contains(name), "no pinned wording for \(name)") }
    }

    static func code(of error: any Error) -> String {
        switch error {
        case let e as StoreError: e.code.rawValue
        case let e as SyncError: e.code.rawValue
        case let e as WorkflowError: e.code.rawValue
        case let e as InteropError: e.code.rawValue
        case let e as CodecError: e.code.rawValue
        case let e as ExchangeError: e.code.rawValue
        default: "?"
        }
    }

    @Test func otherErrorsAreLeftAsTheyAre() {
        #expect(ErrorText.message(for: ValidationError("bad")) == nil)
        #expect(ErrorText.worded(ValidationError("bad")) is ValidationError)
        #expect(ErrorText.worded(ExitCode.failure) is ExitCode)
        let worded = ErrorText.worded(StoreError.notFound(entity: "hub", query: "Nowhere"))
        #expect((worded as? LocalizedError)?.errorDescription == "no hub matches \"Nowhere\"")
        #expect(Touchbase.exitCode(for: worded) == .failure)
    }

    // MARK: - The binary

    @Test func theBinaryPrintsTheTerminalsWordsAndExitsWithOne() throws {
        let runner = try CLIRunner()
        defer { runner.cleanup() }
        var r = try runner.run(["contact", "list"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Error: no Touchbase database at \(runner.home.path)"))
        #expect(r.stderr.contains("; run `touchbase init` first (or pass --home)"))

        try runner.initialize()
        r = try runner.run(["contact", "show", "Nobody"])
        #expect(r.status == 1)
        #expect(r.stderr == "Error: no contact matches \"Nobody\"\n")

        r = try runner.run(["sync"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no shared folder is set; run `touchbase sync --folder PATH` (or `touchbase init --folder PATH`)"))

        let vcard = runner.home.appendingPathComponent("ada.csv")
        try "BEGIN:VCARD\nVERSION:4.0\nFN:Ada Lovelace\nEND:VCARD\n".write(to: vcard, atomically: true, encoding: .utf8)
        r = try runner.run(["import", "csv", vcard.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Line 1: the header \"BEGIN:VCARD\" is not one of"))
        #expect(r.stderr.contains("It looks like a vCard file; import it as vCard. Nothing was imported."))

        try runner.ok(["contact", "add", "Ada Lovelace"])
        r = try runner.run(["touch", "Ada"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Never reach out without something to say: give Ada Lovelace a reason (--reason"))
        #expect(r.stderr.contains("see `touchbase reason list`). Use --force to log it anyway."))
    }
}
