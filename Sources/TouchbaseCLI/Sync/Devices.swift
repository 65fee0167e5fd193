import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase {
    /// `touchbase devices`: who syncs through the folder.
    struct Devices: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List known devices: when each was last seen and what each has acknowledged.")

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let me = try ctx.store.device
            let devices = try ctx.store.devices()
            let names = Dictionary(devices.map { ($0.id, $0.name ?? String($0.id.hex.prefix(8))) }, uniquingKeysWith: { a, _ in a })
            if output.json {
                JSONOutput.print(devices.map { d -> [String: Any] in
                    var o: [String: Any] = ["id": d.id.hex, "name": d.name ?? "", "applied": d.applied, "this": d.id == me]
                    if let s = d.lastSeen { o["lastSeen"] = ConflictView.time(HLC(milliseconds: s, counter: 0)) }
                    if let a = d.acknowledged { o["acknowledged"] = Dictionary(uniqueKeysWithValues: a.sorted.map { ($0.device.hex, $0.seq) }) }
                    return o
                })
                return
            }
            for d in devices {
                var line = ctx.terminal.bold(names[d.id]!) + ctx.terminal.dim("  \(d.id.hex.prefix(8))")
                let changes = "\(d.applied) change\(d.applied == 1 ? "" : "s")"
                line += d.id == me ? "  (this device, \(changes))" : "  \(changes) applied here"
                if let s = d.lastSeen { line += ", last seen \(ConflictView.time(HLC(milliseconds: s, counter: 0)))" }
                print(line)
                if let a = d.acknowledged {
                    print("    has applied: " + a.sorted.map { "\(names[$0.device] ?? String($0.device.hex.prefix(8))) #\($0.seq)" }.joined(separator: ", "))
                }
            }
        }
    }
}
