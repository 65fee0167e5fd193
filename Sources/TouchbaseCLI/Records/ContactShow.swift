import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact show CONTACT`: every field, tags, hubs, open conflicts, and the timeline.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a contact: fields, tags, hubs, open conflicts and the whole timeline.",
            discussion: """
                The timeline lists every interaction, newest first: with its kind, reason, exit, what was \
                learned, what is next and the outcome, who else was there, and its handle for `touchbase log`. \
                Long text wraps to the terminal's width (COLUMNS when set).
                """)

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The contact: id, unique id prefix or name.", valueName: "contact"))
        var contact: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home, readOnly: true)
            let found = try ctx.kit.contact(matching: contact)
            let c = try ctx.kit.contact(id: found.id) ?? found
            let tags = try ctx.kit.tags(of: .contact, c.id)
            let memberships = try ctx.kit.memberships(ofContact: c.id)
            let conflicts = try RecordDetails.conflicts(of: c.id, ctx.store)
            let interactions = try ctx.store.recentInteractions(ofContact: c.id, limit: 5)
            let timeline = try ctx.kit.timeline(ofContact: c.id)
            let devices = try ctx.store.deviceNames()
            let name = RecordDetails.namer(ctx.store)

            if output.json {
                try JSONOutput.emit(ContactShowJSON(contact: c, tags: tags, memberships: memberships,
                                                    conflicts: conflicts.map { RecordConflictJSON(conflict: $0, devices: devices) },
                                                    interactions: interactions.map { RecordJSON(record: $0) },
                                                    timeline: timeline.map(InteractionJSON.init)))
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
            if !timeline.isEmpty {
                // The whole story, newest first: every interaction, with them or where they were among
                // the others, each said in full and wrapped to the terminal's width.
                print(ctx.terminal.bold("Timeline") + " (\(timeline.count))")
                let aliases = Set(try ctx.store.aliases(of: c.id, entity: "contact"))
                let width = TerminalWidth.current()
                for e in timeline {
                    for line in InteractionText.block(e, about: aliases, indent: 2, width: width, terminal: ctx.terminal) { print(line) }
                }
            }
        }
    }
}
