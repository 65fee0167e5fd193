import Foundation
import TouchbaseInterop

/// Importing the contents of one contact file a client already holds (a file the user shared to
/// the app, a download), without the client parsing it itself.
extension Workspace {
    /// Imports the contacts of one file's contents, telling the format by the contents: vCard
    /// (2.1, 3.0, 4.0), or CSV from LinkedIn, Google, Outlook or Touchbase's own export.
    ///
    /// It follows the rules of ``importContacts(format:dryRun:options:next:)``: people already known are
    /// recognised and updated, new ones are created, all in one transaction.
    ///
    /// ```swift
    /// let outcome = try workspace.importContacts(data: shared, fileName: "contacts.vcf")
    /// print(outcome.created, outcome.updated)
    /// ```
    ///
    /// - parameters:
    ///   - data: the file's bytes (UTF-8, or UTF-16 with a byte order mark).
    ///   - fileName: the file's name, given back with each skipped line (optional).
    ///   - dryRun: plan everything, write nothing.
    ///   - options: stage, voter and tags for everyone the file brings in.
    /// - throws: `InteropError` when the contents are empty, binary, malformed or no supported
    ///   format; the Store's error when writing fails. Nothing is written when it throws.
    public func importContacts(data: Data, fileName: String? = nil, dryRun: Bool = false, options: ImportOptions = ImportOptions()) throws -> ImportOutcome {
        let text = try InteropText.decode(data)
        let format = try ContactImport.detect(text: text)
        var pending: ImportResult? = try ContactImport.parse(text: text)
        return try importContacts(format: format, dryRun: dryRun, options: options) {
            defer { pending = nil }
            return pending.map { (file: fileName, result: $0) }
        }
    }
}
