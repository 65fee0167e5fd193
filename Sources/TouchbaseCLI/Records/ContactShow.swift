import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact show CONTACT`: every field, tags, hubs, open conflicts, recent interactions.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a contact: fields, tags, hubs, open conflicts and recent interactions.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let found = try ctx.kit.contact(matching: contact)
            let c = try ctx.kit.contact(id: found.id) ?? found
            let tags = try ctx.kit.tags(of: .contact, c.id)
            let memberships = try ctx.kit.memberships(ofContact: c.id)
            let conflicts = try RecordDetails.conflicts(of: c.id, ctx.store)
            let interactions = try ctx.store.recentInteractions(ofContact: c.id, limit: 5)
            let devices = try ctx.store.deviceNames()
            let name = RecordDetails.namer(ctx.store)

            if output.json {
                try JSONOutput.emit(ContactShowJSON(contact: c, tags: tags, memberships: memberships,
                                                    conflicts: conflicts.map { RecordConflictJSON(conflict: $0, devices: devices) },
                                                    interactions: interactions.map { RecordJSON(record: $0) }))
                return
            }
            print(ctx.terminal.bold(c.name) + "  " + ctx.terminal.dim(c.id.hex))
            var lines = RecordDetails.fieldLines(c.fields, Schema.contact, name: name)
            if !tags.isEmpty { lines.append(("tags", tags.joined(separator: ", "))) }
            if !memberships.isEmpty {
                lines.append(("hubs", memberships.map { m in m.role.map { "\(m.hub.name) (\($0))" } ?? m.hub.name }.joined(separator: ", ")))
            }
            RecordDetails.printAligned(lines, ctx.terminal)
            if !conflicts.isEmpty {
                print(ctx.terminal.red("Conflicts") + ctx.terminal.dim(" (an edit that sees both values resolves one)"))
                for conflict in conflicts { print("  " + RecordDetails.line(conflict, devices: devices, name: name)) }
            }
            if !interactions.isEmpty {
                print(ctx.terminal.bold("Recent interactions"))
                for i in interactions { print("  " + Show.summary(i)) }
            }
        }

        /// `2026-03-01  meeting out  planned  coffee: "want to see my site?"`.
        static func summary(_ i: Record) -> String {
            var parts = [i["date"].date?.description ?? "(no date)"]
            parts.append([i.text("kind"), i.text("direction")].compactMap { $0 }.joined(separator: " "))
            if let status = i.text("status"), status != "done" { parts.append(status) }
            if let what = i.text("reason") ?? i.text("learned") ?? i.text("nextStep") ?? i.text("outcome") ?? i.text("channel") {
                parts.append(TextTable.clip(what, 60))
            }
            return parts.filter { !$0.isEmpty }.joined(separator: "  ")
        }
    }
}
