import Foundation

/// The JSON behind `--json`: byte for byte what JSONSerialization writes with `.prettyPrinted,
/// .sortedKeys, .withoutEscapingSlashes`, but with each key's place in the order worked out once
/// instead of in every comparison (JSONSerialization's locale-aware comparison of every pair of keys,
/// and its bridging of every value to Foundation, took most of the time of a 10,000-item listing).
struct JSONWriter {
    var out: [UInt8] = []
    /// Every key seen so far, in JSONSerialization's order, and each one's place in it.
    private var keys: [String] = []
    private var rank: [String: Int] = [:]
    /// Scratch space of `object`: the index of each pair in the slot of its key's place in the
    /// order, -1 for none.
    private var slots: [Int] = []

    /// The JSON text of a value (dictionaries, arrays, strings, integers, doubles, bools, `NSNull`,
    /// optionals; anything else is written as its description).
    static func bytes(_ value: Any) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(value, indent: 0)
        return writer.out
    }

    /// Prints a JSON array of `count` objects, each given as its (key, value) pairs (a later key
    /// wins), and a newline, as `JSONOutput.print` would, without building a dictionary per object.
    static func print(count: Int, _ object: (Int) -> [(String, Any)]) {
        var writer = JSONWriter()
        writer.out = bytes(count: count, object) + [0x0A]
        writer.flush()
    }

    /// The JSON text of an array of `count` objects given as their (key, value) pairs.
    static func bytes(count: Int, _ object: (Int) -> [(String, Any)]) -> [UInt8] {
        var writer = JSONWriter()
        writer.out.reserveCapacity(count * 512 + 16)
        writer.out.append(0x5B)
        for n in 0..<count {
            writer.element(n, 2)
            writer.object(object(n), indent: 2)
        }
        writer.close(0x5D, count == 0, 0)
        return writer.out
    }

    /// Writes the buffer to standard output without copying it.
    mutating func flush() {
        out.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            FileHandle.standardOutput.write(Data(bytesNoCopy: base, count: bytes.count, deallocator: .none))
        }
    }

    /// Adds a new key to the order (`.sortedKeys` compares like this, with the system locale).
    private mutating func place(_ key: String) {
        let i = keys.firstIndex {
            key.compare($0, options: [.numeric, .caseInsensitive, .forcedOrdering], range: key.startIndex..<key.endIndex, locale: NSLocale.system) == .orderedAscending
        } ?? keys.count
        keys.insert(key, at: i)
        for (n, k) in keys.enumerated() { rank[k] = n }
    }

    /// Before the element `n` of a container: JSONSerialization indents each element, so an empty
    /// container is an empty line.
    private mutating func element(_ n: Int, _ indent: Int) {
        if n > 0 { out.append(0x2C) }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent))
    }

    private mutating func close(_ bracket: UInt8, _ empty: Bool, _ indent: Int) {
        if empty { out.append(0x0A) }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent))
        out.append(bracket)
    }

    private mutating func object(_ pairs: [(String, Any)], indent: Int) {
        out.append(0x7B)
        // Each value in the slot of its key's place in the order: no sort, and a later pair
        // replaces an earlier one with the same key.
        var slots: [Int] = []
        swap(&slots, &self.slots)
        defer { swap(&slots, &self.slots) }
        if slots.count < keys.count { slots.append(contentsOf: repeatElement(-1, count: keys.count - slots.count)) }
        var known = true
        for i in pairs.indices {
            guard let r = rank[pairs[i].0] else { known = false; break }
            slots[r] = i
        }
        if !known {
            // A key not seen before: place it (the places of others may move), then start over.
            for r in slots.indices { slots[r] = -1 }
            for (key, _) in pairs where rank[key] == nil { place(key) }
            slots.append(contentsOf: repeatElement(-1, count: keys.count - slots.count))
            for i in pairs.indices { slots[rank[pairs[i].0]!] = i }
        }
        var n = 0
        for r in slots.indices where slots[r] >= 0 {
            let i = slots[r]
            slots[r] = -1
            element(n, indent + 2)
            n += 1
            string(pairs[i].0)
            out.append(contentsOf: " : ".utf8)
            write(pairs[i].1, indent: indent + 2)
        }
        close(0x7D, n == 0, indent)
    }

    private mutating func write(_ value: Any, indent: Int) {
        // Most common first (strings, lists of strings), the class NSNull last: casting a Swift
        // container to a class bridges it to Foundation first.
        if let s = value as? String {
            string(s)
        } else if let list = value as? [String] {
            out.append(0x5B)
            for (n, s) in list.enumerated() {
                element(n, indent + 2)
                string(s)
            }
            close(0x5D, list.isEmpty, indent)
        } else if let b = value as? Bool {
            out.append(contentsOf: (b ? "true" : "false").utf8)
        } else if let i = value as? Int64 {
            out.append(contentsOf: String(i).utf8)
        } else if let i = value as? Int {
            out.append(contentsOf: String(i).utf8)
        } else if let i = value as? any BinaryInteger {
            out.append(contentsOf: "\(i)".utf8)
        } else if let d = value as? Double {
            let text = d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)") : "null"
            out.append(contentsOf: text.utf8)
        } else if let object = value as? [String: Any] {
            self.object(Array(object), indent: indent)
        } else if let list = value as? [Any] {
            out.append(0x5B)
            for (n, v) in list.enumerated() {
                element(n, indent + 2)
                write(v, indent: indent + 2)
            }
            close(0x5D, list.isEmpty, indent)
        } else if value is NSNull {
            out.append(contentsOf: "null".utf8)
        } else {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                if let inner = mirror.children.first?.value { write(inner, indent: indent) } else { out.append(contentsOf: "null".utf8) }
            } else {
                string(String(describing: value))
            }
        }
    }

    private mutating func string(_ s: String) {
        out.append(0x22)
        // Most strings need no escape: copied whole.
        let plain: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(0x22)
            return
        }
        for byte in s.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
