import ArgumentParser
import Foundation
import TouchbaseKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public var databasePath: String { Workspace.databaseURL(in: directory).path }

    /// Creates the data directory (and missing parents) if needed and makes it `0700`: only its
    /// owner may list or read it (``Workspace/create(directory:deviceName:folder:environment:)`` does
    /// the same for a new one). A directory of another user, or a sticky shared one like `/tmp`,
    /// is left alone.
    public func secureDirectory(create: Bool) throws {
        let path = directory.path
        if create { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR, st.st_uid == geteuid(),
              st.st_mode & S_ISVTX == 0, st.st_mode & 0o077 != 0 else { return }
        _ = chmod(path, st.st_mode & 0o700)
    }
}
