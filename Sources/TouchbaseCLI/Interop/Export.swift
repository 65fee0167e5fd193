import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase export`: take your data out.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export every contact as CSV (your spreadsheet) or vCard 4.0, the hubs as CSV or JSON, the agenda as iCalendar.",
            discussion: "Record ids are kept (CSV id column, vCard UID), so re-importing an export updates the same people instead of duplicating them.",
            subcommands: [CSV.self, VCard.self, ICS.self, Hubs.self])

        struct CSV: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "csv",
                abstract: "One row per contact: stage, voter, ask, offer, hubs, tags, last touch, next follow-up, …",
                discussion: """
                    Formula protection: a cell starting with =, +, -, @, a tab or a carriage return is written \
                    with a single quote in front ('=HYPERLINK(…), '+1 555 0100), so a spreadsheet shows it as \
                    text instead of running it as a formula. `touchbase import csv` removes that quote again, \
                    so re-importing an export changes nothing.
                    """)

            @OptionGroup var home: HomeOptions

            @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
            var output: String?

            @Flag(name: .long, help: "Start with a UTF-8 byte order mark (Excel needs it to read accents).")
            var bom = false

            func run() throws {
                let ctx = try CLIContext(home)
                try ExportWriter.write(try ctx.kit.exportCSV(byteOrderMark: bom), to: output)
            }
        }

        struct VCard: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "vcard",
                abstract: "vCard 4.0, UID = the record id (a round trip updates rather than duplicates).")

            @OptionGroup var home: HomeOptions

            @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
            var output: String?

            func run() throws {
                let ctx = try CLIContext(home)
                try ExportWriter.write(try ctx.kit.exportVCard(), to: output)
            }
        }
    }
}

/// Writes an export to a file (atomically) or standard output.
enum ExportWriter {
    static func write(_ export: ContactExport, to path: String?) throws {
        try write(text: export.text, count: export.count, to: path, noun: "contact")
    }

    /// Writes `text`, which holds `count` things called `noun`.
    static func write(text: String, count: Int, to path: String?, noun: String) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ImportFailure(message: "cannot write \(url.path): \((error as NSError).localizedDescription)")
        }
        Terminal.warn("Exported \(count) \(noun)\(count == 1 ? "" : "s") to \(url.path).")
    }
}
