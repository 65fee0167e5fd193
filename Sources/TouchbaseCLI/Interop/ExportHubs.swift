import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase.Export {
    /// `touchbase export hubs`: the hubs as CSV or JSON.
    struct Hubs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hubs",
            abstract: "Every hub as CSV (kind, stage, schedule, next session, location, members, tags) or JSON.")

        @OptionGroup var home: HomeOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .long, help: "JSON (the shape of `touchbase hub list --json`) instead of CSV.")
        var json = false

        @Flag(name: .long, help: "Start the CSV with a UTF-8 byte order mark (Excel needs it to read accents).")
        var bom = false

        func run() throws {
            let ctx = try CLIContext(home)
            if json {
                let hubs = try ctx.kit.hubList()
                let text = String(decoding: try JSONOutput.encoded(hubs), as: UTF8.self) + "\n"
                try ExportWriter.write(text: text, count: hubs.count, to: output, noun: "hub")
            } else {
                let export = try ctx.kit.exportHubsCSV(byteOrderMark: bom)
                try ExportWriter.write(text: export.text, count: export.count, to: output, noun: "hub")
            }
        }
    }
}
