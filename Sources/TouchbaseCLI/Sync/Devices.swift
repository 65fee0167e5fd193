import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseExchange
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
            let keys = try ctx.store.pinnedKeys()
            let names = Dictionary(devices.map { ($0.id, $0.name ?? String($0.id.hex.prefix(8))) }, uniquingKeysWith: { a, _ in a })
            if output.json {
                JSONOutput.print(devices.map { d -> [String: Any] in
                    var o: [String: Any] = ["id": d.id.hex, "name": d.name ?? "", "applied": d.applied, "this": d.id == me]
                    if let s = d.lastSeen { o["lastSeen"] = ConflictView.time(HLC(milliseconds: s, counter: 0)) }
                    if let a = d.acknowledged { o["acknowledged"] = Dictionary(uniqueKeysWithValues: a.sorted.map { ($0.device.hex, $0.seq) }) }
                    if let k = keys[d.id] { o["key"] = Self.keyObject(k) }
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
                for line in Self.keyLines(keys[d.id]) { print(line.warning ? ctx.terminal.red(line.text) : line.text) }
            }
        }

        /// What the device list says of a device's signing key: pinned (with its fingerprint), an
        /// accepted rotation, and the last key refused.
        static func keyLines(_ k: PinnedKey?) -> [(text: String, warning: Bool)] {
            guard let k else { return [("    key: not known yet (no signed device card seen); its changes wait", false)] }
            var lines = [("    key: \(DevicePublicKey.fingerprint(of: k.publicKey)), pinned \(time(k.pinnedAt))", false)]
            if let previous = k.previousKey, let at = k.rotatedAt {
                lines.append(("    key changed \(time(at)) from \(DevicePublicKey.fingerprint(of: previous)) (endorsed by the previous key)", false))
            }
            if let refused = k.refusedKey, let at = k.refusedAt {
                lines.append(("    refused another key \(DevicePublicKey.fingerprint(of: refused)) \(time(at)): files signed by it are not applied", true))
            }
            return lines
        }

        static func keyObject(_ k: PinnedKey) -> [String: Any] {
            var o: [String: Any] = ["publicKey": k.publicKey.map { String(format: "%02x", $0) }.joined(),
                                    "fingerprint": DevicePublicKey.fingerprint(of: k.publicKey), "pinnedAt": time(k.pinnedAt)]
            if let p = k.previousKey { o["previousKey"] = p.map { String(format: "%02x", $0) }.joined() }
            if let at = k.rotatedAt { o["rotatedAt"] = time(at) }
            if let r = k.refusedKey { o["refusedKey"] = r.map { String(format: "%02x", $0) }.joined() }
            if let at = k.refusedAt { o["refusedAt"] = time(at) }
            return o
        }

        static func time(_ ms: UInt64) -> String { ConflictView.time(HLC(milliseconds: ms, counter: 0)) }
    }
}
