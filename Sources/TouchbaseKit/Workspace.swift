import Foundation
@_exported import TouchbaseCore
@_exported import TouchbaseInterop
import TouchbaseStore

/// A person's Touchbase on one device: the one type a client (the terminal, a phone app) talks to.
///
/// It owns every rule of the method: what a new contact starts as, how input is normalised, what a
/// touch, a meeting or a debrief records, how a conflict is resolved, how a folder is chosen. A
/// client passes typed input and gets typed results and ``WorkspaceError``s back; it never builds a
/// change or writes to the database itself.
///
/// ```swift
/// let workspace = try Workspace.create(directory: home, deviceName: "phone")
/// let ada = try workspace.addContact(ContactDraft(name: "Ada Lovelace"))
/// ```
public final class Workspace: Sendable {
    /// The file name of the database inside the data directory.
    public static let databaseName = "touchbase.sqlite"

    /// The data directory: the database, its signing key and nothing else.
    public let directory: URL
    /// The database. Package-internal: clients go through the workspace's own calls.
    package let store: Store

    /// Wraps an opened Store (the terminal client and the tests).
    package init(store: Store, directory: URL) {
        self.store = store
        self.directory = directory
    }

    /// The database file of a data directory.
    public static func databaseURL(in directory: URL) -> URL {
        directory.appendingPathComponent(databaseName)
    }

    /// Opens the workspace of an initialized data directory.
    ///
    /// - throws: the Store's error when there is no database in `directory`.
    public static func open(directory: URL, environment: WorkspaceEnvironment = .live) throws -> Workspace {
        let store = try Store.open(at: databaseURL(in: directory).path, environment: environment)
        return Workspace(store: store, directory: directory)
    }

    /// Now, in milliseconds since 1970 (the injected clock in tests).
    public var nowMilliseconds: UInt64 { store.environment.now() }

    /// Today's date in the local time zone.
    public var today: CalendarDate { Workspace.localDate(milliseconds: nowMilliseconds) }

    /// The local calendar date of an instant.
    public static func localDate(milliseconds: UInt64, timeZone: TimeZone = .current) -> CalendarDate {
        let seconds = Int(milliseconds / 1000)
        let local = seconds + timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return CalendarDate(dayNumber: Int((Double(local) / 86_400).rounded(.down)))
    }
}

/// The clock and randomness a workspace takes from outside (fixed ones in tests and previews).
public typealias WorkspaceEnvironment = StoreEnvironment
