import ArgumentParser
import Foundation
import TouchbaseKit

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

        @Option(help: ArgumentHelp("The shared folder this device syncs through (remembered; can be set later with `touchbase sync --folder`).",
                                   valueName: "path"))
        var folder: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("the device name must not be empty")
            }
            if let folder {
                var isDirectory: ObjCBool = false
                let path = (folder as NSString).expandingTildeInPath
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw ValidationError("the shared folder \(folder) does not exist or is not a directory")
                }
            }
        }

        func run() throws {
            let deviceName = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? Init.hostName()
            let kit = try Workspace.create(directory: home.directory, deviceName: deviceName, folder: folder,
                                           environment: CLIContext.environment())
            let device = try kit.device
            let database = Workspace.databaseURL(in: kit.directory).path
            let folder = try kit.folderPath()
            if output.json {
                try JSONOutput.emit(InitJSON(device: device.hex, deviceName: deviceName, database: database, home: home.directory.path, folder: folder))
            } else {
                print("Initialized Touchbase on device \"\(deviceName)\" (\(device.hex)).")
                print("Data: \(database)")
                if let folder { print("Shared folder: \(folder)  (run `touchbase sync`)") }
            }
        }

        /// The `--json` form of `touchbase init` (docs/JSON.md, `## init`).
        struct InitJSON: Encodable {
            var device: String
            var deviceName: String
            var database: String
            var home: String
            var folder: String?
        }

        /// The host name without its domain, or `device` when there is none.
        static func hostName() -> String {
            let host = ProcessInfo.processInfo.hostName
            let short = host.split(separator: ".").first.map(String.init) ?? host
            return short.isEmpty ? "device" : short
        }
    }
}
