import Foundation
import TouchbaseCore
import TouchbaseStore

/// The parts of `contact show` and `hub show`: the fields and the open conflicts, in text.
enum RecordDetails {
    /// One `label  value` line per set field, in schema order (`name`, `deleted` and `mergedInto` left out).
    static func fieldLines(_ fields: [String: Value], _ schema: EntitySchema, name: (RecordID) -> String) -> [(String, String)] {
        schema.fields.compactMap { field in
            guard !["name", Merger.deletedField, Merger.mergedIntoField].contains(field.name),
                  let value = fields[field.name] else { return nil }
            if case .texts(let items) = value, items.isEmpty { return nil }
            return (RecordText.label(field.name), RecordText.value(value, name: name))
        }
    }

    /// Prints `label  value` lines with the labels aligned, indented by two spaces.
    static func printAligned(_ lines: [(String, String)], _ terminal: Terminal) {
        let width = lines.map { TerminalText.width($0.0) }.max() ?? 0
        for (label, value) in lines {
            let padded = value.isEmpty ? label : label.padded(to: width)
            print("  " + terminal.dim(padded) + (value.isEmpty ? "" : "  " + value))
        }
    }

    /// The open conflicts that concern a record: its fields, its delete, a merge cycle it is part of.
    static func conflicts(of id: RecordID, _ store: Store) throws -> [Conflict] {
        try store.conflicts().filter { $0.record.record == id || $0.cycle.contains(id) || ($0.kind == .mergeVsEdit && $0.links.contains { $0.record == id }) }
    }

    /// A conflict as a line of text.
    static func line(_ conflict: Conflict, devices: [DeviceID: String], name: (RecordID) -> String) -> String {
        func who(_ v: RegisterValue) -> String {
            "\(TerminalText.visible(devices[v.dot.device] ?? RecordText.shortID(RecordID(v.dot.device.raw)))), \(RecordText.localTime(milliseconds: v.hlc.milliseconds))"
        }
        switch conflict.kind {
        case .field:
            let values = conflict.values.enumerated().map { i, v in
                "\"\(RecordText.value(v.value, name: name))\" (\(who(v)))\(i == 0 ? " shown" : "")"
            }
            return "\(RecordText.label(conflict.field)): " + values.joined(separator: " vs ")
        case .deleteVsEdit:
            let edited = conflict.editedFields.map(RecordText.label) + conflict.links.map { "\($0.entity) \(name($0.record))" }
            return "deleted on one device while edited on another (\(edited.joined(separator: ", "))): "
                + "`restore` keeps it, `rm` deletes it"
        case .mergeVsEdit:
            return "\(name(conflict.record.record)) was merged into \(conflict.links.first.map { name($0.record) } ?? "?") while edited on another device "
                + "(\(conflict.editedFields.map(RecordText.label).joined(separator: ", "))): see `touchbase conflicts`"
        case .mergeCycle:
            return "merged into each other on different devices: " + conflict.cycle.map { TerminalText.visible(name($0)) }.joined(separator: ", ")
        }
    }

    /// A function naming referenced records (contact, hub, tag, reason) by display name.
    static func namer(_ store: Store) -> (RecordID) -> String {
        { id in
            for entity in ["contact", "hub", "tag", "reason", "interaction"] {
                if let r = try? store.record(entity, id: id) { return r.displayName }
            }
            return RecordText.shortID(id)
        }
    }
}
