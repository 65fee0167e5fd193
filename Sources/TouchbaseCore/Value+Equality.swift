extension Value {
    /// Values are equal when their encodings are (Protocol/SPEC.md §13): texts compare by their UTF-8
    /// bytes, not by Unicode canonical equivalence, so every implementation agrees on what is a
    /// conflict (`"é"` precomposed and `"e\u{301}"` are different values).
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.text(a), .text(b)): return sameUTF8(a, b)
        case let (.date(a), .date(b)): return a == b
        case let (.ref(a), .ref(b)): return a == b
        case let (.texts(a), .texts(b)): return a.count == b.count && zip(a, b).allSatisfy { sameUTF8($0, $1) }
        case let (.refs(a), .refs(b)): return a == b
        case let (.unknown(t1, b1), .unknown(t2, b2)): return t1 == t2 && b1 == b2
        default: return false
        }
    }

    /// Whether two texts have the same UTF-8 bytes: lengths first, then the bytes in place when
    /// both are stored contiguously (as texts read from a database or a file are), byte by byte otherwise.
    static func sameUTF8(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let inPlace = a.utf8.withContiguousStorageIfAvailable { p in
            b.utf8.withContiguousStorageIfAvailable { q in p.elementsEqual(q) }
        }
        if let inPlace, let same = inPlace { return same }
        return a.utf8.elementsEqual(b.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(1); hasher.combine(b)
        case .int(let i): hasher.combine(2); hasher.combine(i)
        case .text(let s): hasher.combine(3); for b in s.utf8 { hasher.combine(b) }
        case .date(let d): hasher.combine(4); hasher.combine(d)
        case .ref(let r): hasher.combine(5); hasher.combine(r)
        case .texts(let t): hasher.combine(6); for s in t { hasher.combine(s.utf8.count); for b in s.utf8 { hasher.combine(b) } }
        case .refs(let r): hasher.combine(7); hasher.combine(r)
        case .unknown(let tag, let bytes): hasher.combine(8); hasher.combine(tag); hasher.combine(bytes)
        }
    }
}
