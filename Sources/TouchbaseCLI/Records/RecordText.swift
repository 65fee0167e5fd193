import Foundation
import TouchbaseCore
import TouchbaseKit
import TouchbaseStore

/// How records, values and instants read in the terminal.
enum RecordText {
    /// The short id users type and see: the first 8 hex digits.
    static func shortID(_ id: RecordID) -> String { String(id.hex.prefix(8)) }

    /// `Ada Lovelace (1a2b3c4d)`, the name made visible (``TerminalText/visible(_:)``).
    static func named(_ record: Record) -> String { named(record.displayName, record.id) }

    /// A contact as `Ada Lovelace (1a2b3c4d)`.
    static func named(_ contact: TouchbaseKit.Contact) -> String { named(contact.name, contact.id) }

    /// A hub as `PyData (1a2b3c4d)`.
    static func named(_ hub: TouchbaseKit.Hub) -> String { named(hub.name, hub.id) }

    /// `name (1a2b3c4d)`, the name made visible.
    static func named(_ name: String, _ id: RecordID) -> String { "\(TerminalText.visible(name)) (\(shortID(id)))" }

    /// A field value for display, control characters made visible; references are shown by name
    /// through `name`.
    static func value(_ value: Value, name: (RecordID) -> String = shortID) -> String {
        switch value {
        case .null: return "(cleared)"
        case .ref(let id): return TerminalText.visible(name(id))
        case .refs(let ids): return ids.map { TerminalText.visible(name($0)) }.joined(separator: ", ")
        default: return TerminalText.visible(value.description)
        }
    }

    /// The human label of a field (`organization` → `org`, `emails` → `email`).
    static func label(_ field: String) -> String {
        switch field {
        case "organization": return "org"
        case "emails": return "email"
        case "phones": return "phone"
        case "urls": return "url"
        case "mergedInto": return "merged into"
        case "connectedOn": return "connected on"
        default: return field
        }
    }

    /// An instant (milliseconds since 1970) as local time, `2026-03-02 09:00:00`.
    static func localTime(milliseconds: UInt64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }

    /// An instant as ISO 8601 UTC, for JSON.
    static func isoTime(milliseconds: UInt64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }

    /// `1 contact`, `3 contacts`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
