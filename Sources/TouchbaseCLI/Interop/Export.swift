import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseInterop
import TouchbaseStore

extension Touchbase {
    /// `touchbase export`: take your data out.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export every contact as CSV (your spreadsheet) or vCard 4.0.",
            discussion: "Record ids are kept (CSV id column, vCard UID), so re-importing an export updates the same people instead of duplicating them.",
            subcommands: [CSV.self, VCard.self])

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
                let rows = try ctx.store.exportContacts().map { e in
                    TouchbaseCSV.Row(card: CardMapping.card(e.record, tags: e.tags, hubs: e.hubs), lastTouch: e.lastTouch, nextFollowUp: e.followUp)
                }
                try ExportWriter.write(TouchbaseCSV.write(rows, byteOrderMark: bom), to: output, count: rows.count)
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
                let cards = try ctx.store.exportContacts().map { CardMapping.card($0.record, tags: $0.tags, hubs: $0.hubs) }
                try ExportWriter.write(VCardWriter.write(cards), to: output, count: cards.count)
            }
        }
    }
}

/// Writes an export to a file (atomically) or standard output.
enum ExportWriter {
    static func write(_ text: String, to path: String?, count: Int) throws {
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
        Terminal.warn("Exported \(count) contact\(count == 1 ? "" : "s") to \(url.path).")
    }
}
