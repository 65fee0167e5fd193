import TouchbaseCore
import TouchbaseStore

/// Why each device's next Change waited at the end of the last sync: the file it is in and the
/// first Change of another device it needs. While that Change is still not applied, a sync does not
/// read and decode the file again (Protocol/SPEC.md §14). A local note that only saves work: a
/// Change is identified by (device, seq), so what it needs never changes; a file under another
/// name (a republished range) is read regardless.
struct WaitNotes: Equatable {
    struct Note: Equatable {
        /// The file the waiting Change was read from, relative to the folder.
        var file: String
        /// The waiting Change's sequence number.
        var seq: UInt64
        /// The first Change of another device it needs.
        var needs: Dot
    }

    private var notes: [DeviceID: Note] = [:]

    /// The `meta` key that holds the notes.
    static let metaKey = "waitNotes"

    subscript(device: DeviceID) -> Note? {
        get { notes[device] }
        set { notes[device] = newValue }
    }

    /// The devices with a note.
    var devices: [DeviceID] { Array(notes.keys) }

    /// Reads the notes; a line that does not parse is dropped (the file is then simply read).
    static func load(from store: Store) throws -> WaitNotes {
        var out = WaitNotes()
        for line in (try store.metaValue(metaKey) ?? "").split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: false)
            guard f.count == 5, let d = DeviceID(hex: String(f[0])), let seq = UInt64(f[1]),
                  let nd = DeviceID(hex: String(f[3])), let ns = UInt64(f[4]), !f[2].isEmpty,
                  !f[2].contains(where: { $0 == " " || $0 == "\n" }) else { continue }
            out.notes[d] = Note(file: String(f[2]), seq: seq, needs: Dot(device: nd, seq: ns))
        }
        return out
    }

    /// Writes the notes (one line per device; file names never hold spaces or newlines).
    func save(to store: Store) throws {
        let lines = notes.sorted { $0.key < $1.key }
            .filter { !$0.value.file.contains(" ") && !$0.value.file.contains("\n") }
            .map { "\($0.key.hex) \($0.value.seq) \($0.value.file) \($0.value.needs.device.hex) \($0.value.needs.seq)" }
        try store.setMetaValue(Self.metaKey, lines.isEmpty ? nil : lines.joined(separator: "\n"))
    }
}
