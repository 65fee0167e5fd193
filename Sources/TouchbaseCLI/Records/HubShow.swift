import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

extension Touchbase.Hub {
    /// `touchbase hub show HUB`: fields, tags, members with their roles, open conflicts.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a hub: fields, tags, members, open conflicts and the interactions held there.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let found = try ctx.kit.hub(matching: hub)
            let h = try ctx.kit.hub(id: found.id) ?? found
            let tags = try ctx.kit.tags(of: .hub, h.id)
            let members = try ctx.kit.memberships(ofHub: h.id)
            let held = try ctx.kit.interactions(atHub: h.id)
            let conflicts = try RecordDetails.conflicts(of: h.id, ctx.store)
            let devices = try ctx.store.deviceNames()
            let name = RecordDetails.namer(ctx.store)

            if output.json {
                try JSONOutput.emit(HubShowJSON(hub: h, tags: tags, members: members,
                                                conflicts: conflicts.map { RecordConflictJSON(conflict: $0, devices: devices) },
                                                interactions: held.map(InteractionJSON.init)))
                return
            }
            print(ctx.terminal.bold(h.name) + "  " + ctx.terminal.dim(h.id.hex))
            var lines = RecordDetails.fieldLines(h.fields, Schema.hub, name: name)
            if !tags.isEmpty { lines.append(("tags", tags.joined(separator: ", "))) }
            RecordDetails.printAligned(lines, ctx.terminal)
            if !conflicts.isEmpty {
                print(ctx.terminal.red("Conflicts") + ctx.terminal.dim(" (an edit that sees both values resolves one)"))
                for conflict in conflicts { print("  " + RecordDetails.line(conflict, devices: devices, name: name)) }
            }
            print(ctx.terminal.bold("Members") + " (\(members.count))")
            RecordDetails.printAligned(members.map { m in
                (m.contact.name, [m.role, m.contact.organization, m.contact.text("voter").map { "\($0) voter" }]
                    .compactMap { $0 }.joined(separator: " · "))
            }, ctx.terminal)
            if !held.isEmpty {
                print(ctx.terminal.bold("Interactions") + " (\(held.count))")
                let width = TerminalWidth.current()
                for e in held { for line in InteractionText.block(e, indent: 2, width: width, terminal: ctx.terminal) { print(line) } }
            }
        }
    }
}
