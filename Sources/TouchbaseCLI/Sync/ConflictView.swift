import Foundation
import TouchbaseCore
import TouchbaseStore

/// How a conflict reads: the record's name, each value with its device and time, and how to resolve.
struct ConflictView {
    let store: Store
    let names: [DeviceID: String]

    init(store: Store) throws {
        self.store = store
        self.names = try store.deviceNames()
    }

    func recordName(_ key: RecordKey) throws -> String {
        try store.record(key.entity, id: key.record)?.displayName ?? String(key.record.hex.prefix(8))
    }

    /// A device's name for text (control characters made visible).
    func device(_ d: DeviceID) -> String { TerminalText.visible(names[d] ?? String(d.hex.prefix(8))) }

    static func time(_ hlc: HLC) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(hlc.milliseconds) / 1000))
    }

    static func letter(_ i: Int) -> String { String(UnicodeScalar(UInt8(97 + i % 26))) }

    func text(_ c: Conflict, number: Int, terminal t: Terminal) throws -> TextBlock {
        let name = TerminalText.visible(try recordName(c.record))
        var lines: [String] = []
        switch c.kind {
        case .field:
            lines.append(t.bold("\(number). \(c.record.entity) \"\(name)\" — \(c.field)") + t.dim("  (\(c.record.record.hex.prefix(8)))"))
            let shown = c.values.map { $0.value.isNull ? "(cleared)" : ($0.value.description.isEmpty ? "(empty)" : TerminalText.visible($0.value.description)) }
            let width = shown.map(TerminalText.width).max() ?? 0
            for (i, v) in c.values.enumerated() {
                let padded = shown[i].padded(to: width)
                lines.append("   \(ConflictView.letter(i))) \(padded)   " + t.dim("\(device(v.dot.device)), \(ConflictView.time(v.hlc))") + (i == 0 ? t.dim("  ← shown") : ""))
            }
            lines.append(t.dim("   resolve: touchbase resolve \(number) --keep a   (or --value TEXT)"))
        case .deleteVsEdit:
            let deleters = c.values.filter { $0.value == .bool(true) }.map { device($0.dot.device) }
            lines.append(t.bold("\(number). \(c.record.entity) \"\(name)\" — deleted") + " on \(Set(deleters).sorted().joined(separator: ", ")), but edited at the same time: \(c.editedFields.joined(separator: ", "))")
            if !c.links.isEmpty {
                lines.append("   also edited at the same time, showing under it: " + (try c.links.map { "\($0.entity) \"\(try recordName($0))\"" }).joined(separator: ", "))
            }
            lines.append(t.dim("   kept visible until you choose. resolve: touchbase resolve \(number) --restore   (or --delete)"))
        case .mergeVsEdit:
            let survivor = try c.links.first.map(recordName) ?? "?"
            lines.append(t.bold("\(number). \(c.record.entity) \"\(name)\" — merged into \"\(survivor)\"") + ", but edited at the same time: \(c.editedFields.joined(separator: ", "))")
            lines.append(t.dim("   resolve: touchbase resolve \(number) --merge (carry the edits into \"\(survivor)\")   (or --unmerge: keep them apart)"))
        case .mergeCycle:
            let members = try c.cycle.map { TerminalText.visible(try recordName(RecordKey(entity: c.record.entity, record: $0))) }
            lines.append(t.bold("\(number). \(c.record.entity)s merged into each other: ") + members.joined(separator: " ↔ "))
            lines.append("   shown as one: \"\(name)\"")
            lines.append(t.dim("   resolve: touchbase resolve \(number) --survivor \"\(name)\""))
        }
        return TextBlock(lines)
    }

    func json(_ c: Conflict, number: Int) throws -> [String: Any] {
        [
            "number": number, "kind": c.kind.rawValue, "entity": c.record.entity, "record": c.record.record.hex,
            "name": try recordName(c.record), "field": c.field, "editedFields": c.editedFields, "cycle": c.cycle.map(\.hex),
            "links": c.links.map { ["entity": $0.entity, "record": $0.record.hex] },
            "values": c.values.map { v -> [String: Any] in
                ["value": JSONOutput.value(v.value), "device": v.dot.device.hex, "deviceName": names[v.dot.device] ?? "",
                 "seq": v.dot.seq, "time": ConflictView.time(v.hlc)]
            },
        ]
    }
}
