import Foundation
import TouchbaseExchange

/// Two replicas of one shared folder, as a sync tool keeps them on two machines, and the tool's
/// reconciliation: files one side lacks are copied over; where both hold a file under one name with
/// different bytes, `keep`'s version stays under the name on both sides and the other's becomes a
/// conflict copy (`….sync-conflict-….tbc`, a name readers ignore).
enum FolderReplicas {
    static func reconcile(keep: SharedFolder, other: SharedFolder) throws {
        let fm = FileManager.default
        func files(_ root: String) -> Set<String> {
            var out = Set<String>()
            guard let walker = fm.enumerator(atPath: root) else { return out }
            while let rel = walker.nextObject() as? String {
                var isDir: ObjCBool = false
                let name = (rel as NSString).lastPathComponent
                if fm.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue, !name.hasPrefix(".") { out.insert(rel) }
            }
            return out
        }
        func copy(_ rel: String, from: String, to: String, as target: String? = nil) throws {
            let dest = to + "/" + (target ?? rel)
            try fm.createDirectory(atPath: (dest as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: dest) { try fm.removeItem(atPath: dest) }
            try fm.copyItem(atPath: from + "/" + rel, toPath: dest)
        }
        let a = keep.path, b = other.path
        let inA = files(a), inB = files(b)
        for rel in inA.union(inB).sorted() {
            switch (inA.contains(rel), inB.contains(rel)) {
            case (true, false): try copy(rel, from: a, to: b)
            case (false, true): try copy(rel, from: b, to: a)
            default:
                guard fm.contentsEqual(atPath: a + "/" + rel, andPath: b + "/" + rel) == false else { continue }
                let ext = (rel as NSString).pathExtension
                let conflict = (rel as NSString).deletingPathExtension + ".sync-conflict-20260105-090000-REPLICA." + ext
                try copy(rel, from: b, to: a, as: conflict)
                try copy(rel, from: b, to: b, as: conflict)
                try copy(rel, from: a, to: b)
            }
        }
    }
}
