/// Finds contacts that are likely the same person.
///
/// Two contacts are linked when they share an email (case-insensitive), a phone number (at least
/// 7 digits, compared by ``PhoneNumber/key(_:)``), or a LinkedIn profile URL, or when their names are near-identical: after
/// lowercasing, removing accents and punctuation and sorting the words, the edit distance is at
/// most 15 % of the longer name (and at most 3 edits). Linked contacts form groups; each group
/// names the survivor to merge the others into: the one with the most filled fields, then the
/// one with the most interactions, then the lowest id.
///
/// Names are compared with their neighbours in two sorted orders (the names, and the names read
/// backwards), ``neighbourhood`` each, so 10,000 contacts do not mean 50 million comparisons.
public enum DuplicateFinder {
    /// How many following names each name is compared with, in each sorted order.
    public static let neighbourhood = 12

    /// A contact as the finder sees it.
    public struct Candidate: Hashable, Sendable {
        public var id: RecordID
        public var name: String
        public var emails: [String]
        public var phones: [String]
        public var linkedin: String?
        /// How many fields are filled (to pick the survivor).
        public var filledFields: Int
        /// How many interactions it has (to pick the survivor).
        public var interactions: Int

        /// Creates a candidate.
        public init(id: RecordID, name: String, emails: [String] = [], phones: [String] = [], linkedin: String? = nil,
                    filledFields: Int = 0, interactions: Int = 0) {
            self.id = id
            self.name = name
            self.emails = emails
            self.phones = phones
            self.linkedin = linkedin
            self.filledFields = filledFields
            self.interactions = interactions
        }
    }

    /// A group of likely duplicates.
    public struct Group: Hashable, Sendable {
        /// The contact to keep.
        public var survivor: RecordID
        /// The contacts to merge into it.
        public var duplicates: [RecordID]
        /// Why they were linked, first found first, without repeats.
        public var reasons: [DuplicateReason]
    }

    /// The groups, ordered by the survivor's name.
    public static func find(_ contacts: [Candidate]) -> [Group] {
        var parent = Array(contacts.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        var reasons: [Int: [DuplicateReason]] = [:]
        func link(_ a: Int, _ b: Int, _ why: DuplicateReason) {
            let ra = root(a), rb = root(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            reasons[a, default: []].append(why)
            reasons[b, default: []].append(why)
        }

        // Same keys.
        var byKey: [String: Int] = [:]
        for (i, c) in contacts.enumerated() {
            var keys: [(String, DuplicateReason)] = []
            for e in c.emails { let n = WorkflowText.trimmed(e).lowercased(); if !n.isEmpty { keys.append(("email:" + n, .sameEmail(n))) } }
            for p in c.phones {
                let digits = String(p.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
                if digits.count >= 7 { keys.append(("phone:" + PhoneNumber.key(p), .samePhone(p))) }
            }
            if let l = WorkflowText.nonBlank(c.linkedin)?.lowercased() { keys.append(("linkedin:" + l, .sameLinkedIn)) }
            for (key, why) in keys {
                if let j = byKey[key] { if j != i { link(j, i, why) } } else { byKey[key] = i }
            }
        }

        // Similar names: sorted neighbourhoods (each name against the next few in alphabetical
        // order, and in the order of the reversed names), so a typo anywhere but at both ends is
        // caught in O(n·window) comparisons.
        let chars = contacts.map { Array(normalizeName($0.name)) }
        let usable = contacts.indices.filter { chars[$0].count >= 4 }
        var compared = Set<Int64>()
        for key in [{ (i: Int) in String(chars[i]) }, { (i: Int) in String(chars[i].reversed()) }] {
            let keys = usable.map { ($0, key($0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            for x in keys.indices {
                for y in (x + 1)..<min(keys.count, x + 1 + neighbourhood) {
                    let a = keys[x].0, b = keys[y].0
                    let pair = Int64(min(a, b)) << 32 | Int64(max(a, b))
                    guard compared.insert(pair).inserted else { continue }
                    if similar(chars[a], chars[b]) { link(a, b, .similarNames) }
                }
            }
        }

        var groups: [Int: [Int]] = [:]
        for i in contacts.indices where reasons[i] != nil { groups[root(i), default: []].append(i) }
        var out: [Group] = []
        for members in groups.values where members.count > 1 {
            let survivor = members.max { a, b in
                let ca = contacts[a], cb = contacts[b]
                return (ca.filledFields, ca.interactions, cb.id) < (cb.filledFields, cb.interactions, ca.id)
            }!
            var why: [DuplicateReason] = []
            for m in members { for r in reasons[m] ?? [] where !why.contains(r) { why.append(r) } }
            let dups = members.filter { $0 != survivor }.map { contacts[$0].id }.sorted()
            out.append(Group(survivor: contacts[survivor].id, duplicates: dups, reasons: why))
        }
        let nameOf = Dictionary(contacts.map { ($0.id, $0.name.lowercased()) }, uniquingKeysWith: { a, _ in a })
        return out.sorted { (nameOf[$0.survivor] ?? "", $0.survivor) < (nameOf[$1.survivor] ?? "", $1.survivor) }
    }

    /// Lowercased, accents and punctuation removed, words sorted: `"Lovelace, Ada"` → `"ada lovelace"`.
    public static func normalizeName(_ name: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in name.lowercased().unicodeScalars {
            let base = fold(scalar)
            if base.properties.isAlphabetic || ("0"..."9").contains(base) {
                current.unicodeScalars.append(base)
            } else if base.properties.generalCategory == .nonspacingMark {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.sorted().joined(separator: " ")
    }

    /// Whether two normalized names are near-identical.
    static func similar(_ a: [Character], _ b: [Character]) -> Bool {
        let longest = max(a.count, b.count)
        guard longest > 0 else { return false }
        let allowed = min(3, Int((Double(longest) * 0.15).rounded(.down)))
        if a == b { return true }
        guard allowed > 0, abs(a.count - b.count) <= allowed else { return false }
        return editDistance(a, b, limit: allowed) <= allowed
    }

    /// Levenshtein distance, stopping early once every path exceeds `limit`.
    public static func editDistance(_ a: [Character], _ b: [Character], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return rowMin }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// Latin letters with diacritics folded to their base letter (é → e, ß → s, ø → o).
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s {
        case "à", "á", "â", "ã", "ä", "å", "ā", "ă", "ą": return "a"
        case "ç", "ć", "č": return "c"
        case "ď", "đ": return "d"
        case "è", "é", "ê", "ë", "ē", "ė", "ę", "ě": return "e"
        case "ì", "í", "î", "ï", "ī", "į", "ı": return "i"
        case "ł", "ľ", "ĺ": return "l"
        case "ñ", "ń", "ň": return "n"
        case "ò", "ó", "ô", "õ", "ö", "ø", "ō", "ő": return "o"
        case "ř", "ŕ": return "r"
        case "ś", "š", "ş", "ß": return "s"
        case "ť", "ţ": return "t"
        case "ù", "ú", "û", "ü", "ū", "ů", "ű", "ų": return "u"
        case "ý", "ÿ": return "y"
        case "ź", "ż", "ž": return "z"
        default: return s
        }
    }
}
