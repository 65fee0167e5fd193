import ArgumentParser
import Foundation
import TouchbaseKit

extension Touchbase.Devices {
    /// `touchbase devices retire <device>`: stop waiting for a lost device.
    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire",
            abstract: "Stop waiting for a lost device before removing old change files from the shared folder.",
            discussion: """
                Each device removes its own old change files once a snapshot holds them and every other device \
                has acknowledged them. A device that is gone for good (lost, wiped, or the old id of a re-keyed \
                database) would hold that back forever: retire it. Should it come back, it starts again from a \
                snapshot, publishes what it did offline, and is waited for again. Reaches the other devices at \
                the next `touchbase sync`.
                """)

        @Argument(help: "The device: its id, the first digits of its id (at least 4), or its name.")
        var device: String

        @OptionGroup var homeOptions: HomeOptions

        func run() throws {
            let ctx = try CLIContext(homeOptions)
            let retired: DeviceSummary
            do {
                retired = try ctx.kit.retireDevice(device)
            } catch let e as WorkspaceError {
                throw RecordCommandError(Self.message(e, query: device))
            }
            let name = retired.name.map { "\($0) (\(retired.id.hex.prefix(8)))" } ?? String(retired.id.hex.prefix(8))
            print("Retired \(name): no device waits for it any more after the next `touchbase sync`.")
        }

        static func message(_ e: WorkspaceError, query: String) -> String {
            switch e.code {
            case .unknownDevice:
                return "no known device is \"\(TerminalText.visible(query))\"; see `touchbase devices` for ids and names"
            case .ambiguousDevice:
                let ids = (e.detail ?? "").split(separator: ",").map { String($0.prefix(12)) }.joined(separator: ", ")
                return "\"\(TerminalText.visible(query))\" names several devices (\(ids)); give more digits of the id"
            case .thisDevice:
                return "that is this device; a device does not retire itself (retire it from another device)"
            case .alreadyRetired:
                return "that device is retired already"
            default:
                return e.description
            }
        }
    }
}
