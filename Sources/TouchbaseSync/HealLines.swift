import TouchbaseCore
import TouchbaseExchange
import TouchbaseStore

/// Tells, from a forked id's verified files, which history a line of its Changes follows
/// (Protocol/SPEC.md §3.6): walking back by `prev` links from the line's last Change to the fork
/// point. Each device's files are read once.
struct HealLines {
    let engine: SyncEngine
    let scan: FolderScan
    private var read: [DeviceID: [[UInt8]: Change]] = [:]

    init(engine: SyncEngine, scan: FolderScan) {
        self.engine = engine
        self.scan = scan
    }

    /// The verified Changes of `device` in its files and relays, by digest as signed.
    mutating func changes(of device: DeviceID) -> [[UInt8]: Change] {
        if let known = read[device] { return known }
        var out: [[UInt8]: Change] = [:]
        for entry in scan.changeFiles(of: device) + scan.relayFiles.filter({ $0.device == device }) {
            for c in (try? engine.folder.readChanges(entry)) ?? [] { out[c.digest(hash: ChangeBatch.sha256)] = c }
        }
        read[device] = out
        return out
    }

    /// Which history of `heal`'s id the line that ends at `head` (with `digest`) follows from the
    /// fork point; unknown when its digest is not known, the files lack a Change of it, or another
    /// heal of the id lies on it.
    mutating func line(_ heal: ForkHeal, head: Dot, digest: [UInt8]?, all: [ForkHeal]) -> HealLine {
        walk(heal, head: head, digest: digest, all: all).line
    }

    /// ``line(_:head:digest:all:)`` with the line's Changes from the fork point to `head`, as
    /// signed (empty unless known).
    mutating func walk(_ heal: ForkHeal, head: Dot, digest: [UInt8]?, all: [ForkHeal]) -> (line: HealLine, changes: [Change]) {
        guard let digest, digest != ChangeCodec.unknownDigest, head.device == heal.device, head.seq >= heal.seq,
              !all.contains(where: { $0 != heal && $0.device == heal.device && $0.seq > heal.seq && $0.seq <= head.seq }) else { return (.unknown, []) }
        let files = changes(of: heal.device)
        guard var c = files[digest], c.seq == head.seq else { return (.unknown, []) }
        var line = [c]
        while c.seq > heal.seq {
            guard let prev = c.prev, let before = files[prev], before.seq == c.seq - 1 else { return (.unknown, []) }
            c = before
            line.append(c)
        }
        if c.digest(hash: ChangeBatch.sha256) == heal.renamed { return (.renamed, line.reversed()) }
        return (c.prev ?? []) == heal.base ? (.keeps, line.reversed()) : (.unknown, [])
    }
}
