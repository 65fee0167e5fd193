import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase {
    /// `touchbase devices`: who syncs through the folder.
    struct Devices: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "devices",
            abstract: "List known devices: when each was last seen and what each has acknowledged.",
            subcommands: [List.self, Retire.self],
            defaultSubcommand: List.self)

        static func time(_ ms: UInt64) -> String { ConflictView.time(milliseconds: ms) }
    }
}

extension Touchbase.Devices {
    /// `touchbase devices [list]`: every known device.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List known devices: when each was last seen and what each has acknowledged.")

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let devices = try ctx.kit.devices()
            if output.json {
                try JSONOutput.emit(devices.map(DeviceJSON.init))
                return
            }
            let names = Dictionary(devices.map { ($0.id, $0.name ?? String($0.id.hex.prefix(8))) }, uniquingKeysWith: { a, _ in a })
            for d in devices {
                var line = ctx.terminal.bold(names[d.id]!) + ctx.terminal.dim("  \(d.id.hex.prefix(8))")
                let changes = "\(d.applied) change\(d.applied == 1 ? "" : "s")"
                line += d.isThisDevice ? "  (this device, \(changes))" : "  \(changes) applied here"
                if d.isRetired { line += ctx.terminal.dim("  (retired: not waited for)") }
                if let s = d.lastSeen { line += ", last seen \(Self.time(s))" }
                print(line)
                if let a = d.acknowledged {
                    print("    has applied: " + a.sorted.map { "\(names[$0.device] ?? String($0.device.hex.prefix(8))) #\($0.seq)" }.joined(separator: ", "))
                }
                for line in Self.keyLines(d.key) { print(line.warning ? ctx.terminal.red(line.text) : line.text) }
            }
        }

        /// What the device list says of a device's signing key: pinned (with its fingerprint), an
        /// accepted rotation, and the last key refused.
        static func keyLines(_ k: DeviceKey?) -> [(text: String, warning: Bool)] {
            guard let k else { return [("    key: not known yet (no signed device card seen); its changes wait", false)] }
            var lines = [("    key: \(k.fingerprint), pinned \(time(k.pinnedAt))", false)]
            if let previous = k.previousKey, let at = k.rotatedAt {
                lines.append(("    key changed \(time(at)) from \(DeviceKey.fingerprint(of: previous)) (endorsed by the previous key)", false))
            }
            if let refused = k.refusedKey, let at = k.refusedAt {
                lines.append(("    refused another key \(DeviceKey.fingerprint(of: refused)) \(time(at)): files signed by it are not applied", true))
            }
            return lines
        }

        static func time(_ ms: UInt64) -> String { Touchbase.Devices.time(ms) }
    }
}
