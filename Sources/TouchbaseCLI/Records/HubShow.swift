import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Hub {
    /// `touchbase hub show HUB`: fields, tags, members with their roles, open conflicts.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a hub: fields, tags, members and open conflicts.")

        @OptionGroup var home: HomeOptions

        @Argument(help: ArgumentHelp("The hub: id, unique id prefix or name.", valueName: "hub"))
        var hub: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            let h = try ctx.store.find("hub", hub)
            let tags = try ctx.store.tagNames(of: h.id, entity: "hub")
            let members = try ctx.store.memberships(ofHub: h.id)
            let conflicts = try RecordDetails.conflicts(of: h.id, ctx.store)
            let devices = try ctx.store.deviceNames()
            let name = RecordDetails.namer(ctx.store)

            if output.json {
                var o = JSONOutput.record(h)
                o["tags"] = tags
                o["members"] = members.map { m -> [String: Any] in
                    ["contact": m.contact.id.hex, "name": m.contact.displayName, "role": m.role ?? NSNull(),
                     "voter": m.contact.text("voter") ?? NSNull()]
                }
                o["conflicts"] = conflicts.map { RecordDetails.json($0, devices: devices) }
                JSONOutput.print(o)
                return
            }
            print(ctx.terminal.bold(h.displayName) + "  " + ctx.terminal.dim(h.id.hex))
            var lines = RecordDetails.fieldLines(h, Schema.hub, name: name)
            if !tags.isEmpty { lines.append(("tags", tags.joined(separator: ", "))) }
            RecordDetails.printAligned(lines, ctx.terminal)
            if !conflicts.isEmpty {
                print(ctx.terminal.red("Conflicts") + ctx.terminal.dim(" (an edit that sees both values resolves one)"))
                for conflict in conflicts { print("  " + RecordDetails.line(conflict, devices: devices, name: name)) }
            }
            print(ctx.terminal.bold("Members") + " (\(members.count))")
            RecordDetails.printAligned(members.map { m in
                (m.contact.displayName, [m.role, m.contact.text("organization"), m.contact.text("voter").map { "\($0) voter" }]
                    .compactMap { $0 }.joined(separator: " · "))
            }, ctx.terminal)
        }
    }
}
