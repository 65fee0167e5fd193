import Foundation
import TouchbaseKit

/// How a conflict reads: the record's name, each value with its device and time, and how to resolve.
enum ConflictView {
    /// A device's name for text (control characters made visible).
    static func device(_ v: ConflictValue) -> String { TerminalText.visible(v.deviceName ?? String(v.device.hex.prefix(8))) }

    /// A time as `yyyy-MM-dd HH:mm`.
    static func time(milliseconds: UInt64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }

    static func letter(_ i: Int) -> String { String(UnicodeScalar(UInt8(97 + i % 26))) }

    static func text(_ c: OpenConflict, terminal t: Terminal) -> TextBlock {
        let label = "\(c.number). [\(c.handle)]"
        let handle = c.handle
        let entity = c.record.key.entity
        let name = TerminalText.visible(c.record.name)
        var lines: [String] = []
        switch c.kind {
        case .field:
            lines.append(t.bold("\(label) \(entity) \"\(name)\" — \(c.field)") + t.dim("  (\(c.record.key.record.hex.prefix(8)))"))
            let shown = c.values.map { $0.value.isNull ? "(cleared)" : ($0.value.description.isEmpty ? "(empty)" : TerminalText.visible($0.value.description)) }
            let width = shown.map(TerminalText.width).max() ?? 0
            for (i, v) in c.values.enumerated() {
                let padded = shown[i].padded(to: width)
                lines.append("   \(letter(i))) \(padded)   " + t.dim("\(device(v)), \(time(milliseconds: v.milliseconds))") + (i == 0 ? t.dim("  ← shown") : ""))
            }
            lines.append(t.dim("   resolve: touchbase resolve \(handle) --keep a   (or --value TEXT)"))
        case .deleteVsEdit:
            let deleters = c.values.filter { $0.value == .bool(true) }.map(device)
            lines.append(t.bold("\(label) \(entity) \"\(name)\" — deleted") + " on \(Set(deleters).sorted().joined(separator: ", ")), but edited at the same time: \(c.editedFields.joined(separator: ", "))")
            if !c.links.isEmpty {
                lines.append("   also edited at the same time, showing under it: " + c.links.map { "\($0.key.entity) \"\($0.name)\"" }.joined(separator: ", "))
            }
            lines.append(t.dim("   kept visible until you choose. resolve: touchbase resolve \(handle) --restore   (or --delete)"))
        case .mergeVsEdit:
            let survivor = c.survivor?.name ?? "?"
            lines.append(t.bold("\(label) \(entity) \"\(name)\" — merged into \"\(survivor)\"") + ", but edited at the same time: \(c.editedFields.joined(separator: ", "))")
            lines.append(t.dim("   resolve: touchbase resolve \(handle) --merge (carry the edits into \"\(survivor)\")   (or --unmerge: keep them apart)"))
        case .mergeCycle:
            let members = c.cycle.map { TerminalText.visible($0.name) }
            lines.append(t.bold("\(label) \(entity)s merged into each other: ") + members.joined(separator: " ↔ "))
            lines.append("   shown as one: \"\(name)\"")
            lines.append(t.dim("   resolve: touchbase resolve \(handle) --survivor \"\(name)\""))
        }
        return TextBlock(lines)
    }
}
