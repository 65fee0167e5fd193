import ArgumentParser
import Foundation
import TouchbaseStore

extension Touchbase {
    /// `touchbase init`: creates the data directory and this device's database.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create this device's database (once per device).",
            discussion: """
                Creates the data directory and an empty database with a new random device id. \
                Refuses when the directory already holds a database.
                """)

        @OptionGroup var home: HomeOptions

        @Option(help: ArgumentHelp("A name for this device, shown in history and to your other devices (default: the host name).",
                                   valueName: "name"))
        var name: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("the device name must not be empty")
            }
        }

        func run() throws {
            let deviceName = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? Init.hostName()
            try FileManager.default.createDirectory(at: home.directory, withIntermediateDirectories: true)
            let store = try Store.create(at: home.databasePath, deviceName: deviceName, environment: CLIContext.environment())
            let device = try store.device
            if output.json {
                JSONOutput.print(["device": device.hex, "deviceName": deviceName, "database": store.path, "home": home.directory.path])
            } else {
                print("Initialized Touchbase on device \"\(deviceName)\" (\(device.hex)).")
                print("Data: \(store.path)")
            }
        }

        /// The host name without its domain, or `device` when there is none.
        static func hostName() -> String {
            let host = ProcessInfo.processInfo.hostName
            let short = host.split(separator: ".").first.map(String.init) ?? host
            return short.isEmpty ? "device" : short
        }
    }
}
