import ArgumentParser
import Foundation
import TouchbaseInterop
import TouchbaseKit

extension Touchbase {
    /// `touchbase import`: bring contacts in.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import contacts from LinkedIn, Google, Outlook, Touchbase CSV or vCard — never duplicating anyone.",
            discussion: """
                Every import is one transaction: a file that fails half way imports nothing. People \
                already known are recognised by their Touchbase id, LinkedIn profile URL, vCard UID or \
                email, and only fields whose value changed are written — importing the same file twice \
                reports 0 new and 0 updated. Fields in the file replace the stored ones; emails, phones \
                and web addresses are merged; tags and hubs are added, never removed. Your edits win: a \
                re-import changes a field only while it still holds what the previous import from the same \
                source wrote (--dry-run lists each person and field, and the edits kept). A new company or \
                role from a re-import is recorded, and `today` offers it as something to say.
                """,
            subcommands: [LinkedIn.self, CSV.self, VCard.self])

        /// Options shared by the import subcommands.
        struct Options: ParsableArguments {
            @OptionGroup var home: HomeOptions
            @OptionGroup var output: OutputOptions

            @Flag(name: .long, help: "Show what would be imported, person by person and field by field, without writing anything.")
            var dryRun = false

            @Option(name: .long, help: ArgumentHelp("Stage for everyone the file brings in who has none: want, docket, pending, active, dormant.", valueName: "stage"))
            var stage: String?

            @Option(name: .long, help: ArgumentHelp("Voter for everyone the file brings in who has none: set, swing, unknown.", valueName: "voter"))
            var voter: String?

            @Option(name: .long, help: ArgumentHelp("Tag everyone in the file (repeat for several).", valueName: "tag"))
            var tag: [String] = []

            /// The kit's options, parsed by the kit's rules.
            func importOptions() throws -> ImportOptions {
                ImportOptions(stage: try stage.map(Stage.init(parsing:)), voter: try voter.map(Voter.init(parsing:)), tags: tag)
            }
        }

        struct LinkedIn: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "linkedin",
                abstract: "Import LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data).")

            @OptionGroup var options: Options

            @Argument(help: ArgumentHelp("The Connections.csv file.", valueName: "file"))
            var file: String

            func run() throws {
                var stream = try ImportRunner.parse { () throws(InteropError) in try CSVImportStream(path: file, expected: .linkedInCSV) }
                try ImportRunner.run(options, format: stream.format) {
                    try ImportRunner.parse { () throws(InteropError) in try stream.next() }.map { (nil, $0) }
                }
            }
        }

        struct CSV: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "csv",
                abstract: "Import a CSV export: Google Contacts, Outlook, or Touchbase's own (recognised by its header).")

            @OptionGroup var options: Options

            @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
            var file: String

            func run() throws {
                var stream = try ImportRunner.parse { () throws(InteropError) in try CSVImportStream(path: file) }
                try ImportRunner.run(options, format: stream.format) {
                    try ImportRunner.parse { () throws(InteropError) in try stream.next() }.map { (nil, $0) }
                }
            }
        }

        struct VCard: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "vcard",
                abstract: "Import a vCard file (2.1, 3.0, 4.0), or every .vcf file of a directory.")

            @OptionGroup var options: Options

            @Argument(help: ArgumentHelp("A .vcf file or a directory of them.", valueName: "file|dir"))
            var path: String

            func run() throws {
                var isDirectory: ObjCBool = false
                var results: [(String?, ImportResult)] = []
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    let files = try ImportRunner.parse { () throws(InteropError) in try InteropFiles.readVCardDirectory(atPath: path) }
                    guard !files.isEmpty else { throw ValidationError("no .vcf or .vcard files in \(path)") }
                    for f in files {
                        let name = (f.path as NSString).lastPathComponent
                        do {
                            results.append((name, try VCardReader.parse(text: f.text)))
                        } catch {
                            throw ImportFailure(reason: "\(name): \(ErrorText.interop(error))")
                        }
                    }
                } else {
                    let text = try ImportRunner.read(path)
                    results.append((nil, try ImportRunner.parse { () throws(InteropError) in try VCardReader.parse(text: text) }))
                }
                var remaining = results[...]
                try ImportRunner.run(options, format: .vCard) { remaining.popFirst() }
            }
        }
    }
}

/// A whole-file import failure, already phrased for the user.
struct ImportFailure: Error, LocalizedError, CustomStringConvertible {
    var message: String

    /// A message already phrased for the user.
    init(message: String) { self.message = message }

    /// Why the file could not be imported, followed by the reassurance that nothing was.
    init(reason: String) {
        let sentence = reason.hasSuffix(".") ? reason : reason + "."
        message = sentence + " Nothing was imported."
    }

    var errorDescription: String? { message }
    var description: String { message }
}

/// Reads, parses, plans and commits an import, and reports it.
enum ImportRunner {
    /// The text of `path`.
    static func read(_ path: String) throws -> String {
        do {
            return try InteropFiles.readText(atPath: path)
        } catch {
            throw ImportFailure(reason: ErrorText.interop(error))
        }
    }

    /// Runs a parser, turning its error into a clear message.
    static func parse<T>(_ body: () throws(InteropError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw ImportFailure(reason: ErrorText.interop(error))
        }
    }

    /// Imports the parsed pieces `next` hands over (a chunk of a CSV file, or one vCard file), one
    /// piece in memory at a time, all in one transaction (``Workspace/importContacts(format:dryRun:options:next:)``).
    static func run(_ options: Touchbase.Import.Options, format: ImportFormat,
                    next: () throws -> (file: String?, result: ImportResult)?) throws {
        let ctx = try CLIContext(options.home)
        let importOptions = try options.importOptions()
        let progress = ctx.terminal.progress && !options.output.json
        var read = 0
        var reported = 0
        let started = Date()
        let outcome = try ctx.kit.importContacts(format: format, dryRun: options.dryRun, options: importOptions) {
            guard let piece = try next() else { return nil }
            read += piece.result.cards.count
            if progress && read - reported >= 50_000 {
                reported = read
                Terminal.warn("Read \(read) contacts…")
            }
            return piece
        }
        if progress && Date().timeIntervalSince(started) > 1 { Terminal.warn(String(format: "Done in %.1f s.", Date().timeIntervalSince(started))) }
        if options.output.json {
            try JSONOutput.emit(ImportJSON(outcome, format: format.description, dryRun: options.dryRun))
            return
        }
        func location(_ s: ImportPlan.Skip) -> String { (s.file.map { "\($0) " } ?? "") + "line \(s.line)" }
        let verb = options.dryRun ? "Would import" : "Imported"
        print("\(verb) \(outcome.created) new, \(outcome.updated) updated, \(outcome.unchanged) unchanged, \(outcome.skipped.count) skipped (\(format.description)).")
        if outcome.hubsCreated > 0 { print("New hubs: \(outcome.hubsCreated).") }
        if outcome.jobChanges > 0 {
            print("\(options.dryRun ? "Would record" : "Recorded") \(outcome.jobChanges) job change\(outcome.jobChanges == 1 ? "" : "s") (see touchbase today).")
        }
        for line in ImportChangeText.lines(outcome.changes, terminal: ctx.terminal) { print(line) }
        for s in outcome.skipped { print(ctx.terminal.yellow("  skipped \(location(s)): \(ImportJSON.worded(s))")) }
        for w in outcome.warnings { Terminal.warn("  warning, \(location(w)): \(ImportJSON.worded(w))") }
        if options.dryRun { print(ctx.terminal.dim("Nothing written (--dry-run).")) }
    }
}
