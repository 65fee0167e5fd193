import ArgumentParser
import Foundation

/// `--home`: where this device's database lives.
public struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The data directory (default: $TOUCHBASE_HOME, else $XDG_DATA_HOME/touchbase, else ~/.local/share/touchbase).", valueName: "path"))
    public var home: String?

    public init() {}

    /// The data directory, resolved: flag, then `TOUCHBASE_HOME`, then XDG.
    public var directory: URL {
        let env = ProcessInfo.processInfo.environment
        if let home, !home.isEmpty { return URL(fileURLWithPath: (home as NSString).expandingTildeInPath) }
        if let h = env["TOUCHBASE_HOME"], !h.isEmpty { return URL(fileURLWithPath: (h as NSString).expandingTildeInPath) }
        if let x = env["XDG_DATA_HOME"], x.hasPrefix("/") { return URL(fileURLWithPath: x).appendingPathComponent("touchbase") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/touchbase")
    }

    /// The database file inside the data directory.
    public var databasePath: String { directory.appendingPathComponent("touchbase.sqlite").path }
}
