import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

/// What every command works with: the opened Store, today's date and the terminal.
///
/// Time comes from `TOUCHBASE_NOW` when set (ISO 8601, e.g. `2026-03-02T09:00:00Z` or `2026-03-02`),
/// so scripts and tests get a fixed clock; otherwise from the system.
public struct CLIContext {
    /// The data directory.
    public let home: URL
    /// The opened workspace: every rule and every edit goes through it.
    public let kit: Workspace
    /// The opened database (reads that have not moved into the kit yet).
    public var store: Store { kit.store }
    /// The terminal (colour, interactivity).
    public let terminal: Terminal

    /// Opens the database of an initialized home. With `readOnly`, for a command that only shows
    /// things, it is opened for reading only (``Store/openForReading(at:environment:)``): nothing
    /// is written when it opens or closes, and any write through it fails. Otherwise the open
    /// itself writes nothing either (``Store/open(at:environment:preparingWAL:)``): a command with
    /// nothing to write, such as a sync with nothing new, leaves the database file as it was.
    ///
    /// - throws: ``StoreError/notInitialized(path:)`` when `touchbase init` was not run.
    public init(_ options: HomeOptions, readOnly: Bool = false) throws {
        home = options.directory
        try? options.secureDirectory(create: false)
        let path = options.databasePath, environment = try CLIContext.environment()
        let store = readOnly ? try Store.openForReading(at: path, environment: environment)
            : try Store.open(at: path, environment: environment, preparingWAL: true)
        kit = Workspace(store: store, directory: home)
        terminal = Terminal()
    }

    /// The Store environment: system or `TOUCHBASE_NOW` time, system randomness.
    public static func environment() throws -> StoreEnvironment {
        var env = StoreEnvironment.live
        if let fixed = try fixedNow() { env.now = { fixed } }
        return env
    }

    /// Milliseconds from `TOUCHBASE_NOW` (``DateParser/instant(_:timeZone:)``: with or without
    /// seconds, with or without a zone, no zone being local time), or `nil` when unset.
    static func fixedNow() throws -> UInt64? {
        guard let s = ProcessInfo.processInfo.environment["TOUCHBASE_NOW"], !s.isEmpty else { return nil }
        do { return try DateParser.instant(s) } catch is WorkspaceError {
            throw ValidationError("TOUCHBASE_NOW is not an ISO 8601 date or time: \(s) (e.g. 2026-03-02T08:30, 2026-03-02T08:30:00Z, 2026-03-02)")
        }
    }

    /// Now, in milliseconds since 1970.
    public var nowMilliseconds: UInt64 { kit.nowMilliseconds }

    /// Today's date in the local time zone.
    public var today: CalendarDate { kit.today }

    /// The local calendar date of an instant.
    public static func localDate(milliseconds: UInt64) -> CalendarDate {
        Workspace.localDate(milliseconds: milliseconds)
    }

    /// A new random record id.
    public func newID() -> RecordID { store.environment.makeRecordID() }
}
