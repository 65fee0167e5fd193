import ArgumentParser
import Foundation
import TouchbaseCore
import TouchbaseStore

extension Touchbase.Contact {
    /// `touchbase contact list`: a compact table of contacts, filtered.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List contacts, with filters.",
            discussion: """
                Columns: name, org, stage, voter, A/O (an ask and an offer are set: a meeting without either \
                is not worth having yet), and the date of the last done interaction.
                """)

        @OptionGroup var home: HomeOptions

        @Option(help: ArgumentHelp("Only contacts with this tag.", valueName: "tag"))
        var tag: String?

        @Option(help: ArgumentHelp("Only contacts at this stage: \(Schema.stages.joined(separator: ", ")).", valueName: "stage"))
        var stage: String?

        @Option(help: ArgumentHelp("Only \(Schema.voters.joined(separator: ", ")) voters.", valueName: "voter"))
        var voter: String?

        @Option(help: ArgumentHelp("Only members of this hub (id, id prefix or name).", valueName: "hub"))
        var hub: String?

        @Option(help: ArgumentHelp("Only contacts whose text fields contain this text (any case).", valueName: "text"))
        var search: String?

        @Flag(help: "Include deleted contacts and merged duplicates.")
        var all = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let ctx = try CLIContext(home)
            var query = RecordQuery(entity: "contact")
            query.includeHidden = all
            if let stage { query.equals.append(("stage", try FieldInput.parse(stage, field: "stage", entity: Schema.contact, today: ctx.today))) }
            if let voter { query.equals.append(("voter", try FieldInput.parse(voter, field: "voter", entity: Schema.contact, today: ctx.today))) }
            if let tag {
                guard !Schema.normalizeTag(tag).isEmpty else { throw ValidationError("a tag name must not be empty") }
                query.tag = tag
            }
            if let hub { query.hub = try ctx.store.find("hub", hub).id }
            query.text = search
            // The table shows only these; `--json` shows every field.
            if !output.json { query.fields = ["name", "organization", "stage", "voter", "ask", "offer"] }
            let contacts = try ctx.store.records(query)
            let lastTouch = try ctx.store.lastInteractionDates()

            if output.json {
                let tags = try ctx.store.tagNamesByRecord()
                // `JSONOutput.record(c)` plus `tags` and `lastTouch`, as (key, value) pairs in the
                // order a dictionary would be filled, so a later key wins the same way.
                func pairs(_ c: Record) -> [(String, Any)] {
                    var o: [(String, Any)] = [("id", c.id.hex), ("entity", c.entity)]
                    o.reserveCapacity(c.values.count + 6)
                    for (k, v) in c.values { o.append((k, JSONOutput.value(v))) }
                    if c.deleted { o.append(("deleted", true)) }
                    if let s = c.survivor { o.append(("mergedInto", s.hex)) }
                    o.append(("tags", tags[c.id] ?? []))
                    o.append(("lastTouch", lastTouch[c.id].map { $0.description } ?? NSNull()))
                    return o
                }
                if !ListingJSON.print(count: contacts.count, { pairs(contacts[$0]) }) {
                    JSONOutput.print(contacts.map { Dictionary(pairs($0), uniquingKeysWith: { $1 }) })
                }
                return
            }
            guard !contacts.isEmpty else {
                print("No contacts\(query.equals.isEmpty && tag == nil && hub == nil && search == nil ? " yet; add one with `touchbase contact add NAME`" : " match").")
                return
            }
            var table = TextTable(["NAME", "ORG", "STAGE", "VOTER", "A/O", "LAST"])
            for c in contacts {
                var name = TextTable.clip(c.displayName, 32)
                if c.deleted { name += " (deleted)" } else if let s = c.survivor { name += " → \(RecordText.shortID(s))" }
                let markers = (c.text("ask") == nil ? "-" : "A") + (c.text("offer") == nil ? "-" : "O")
                table.add([name, TextTable.clip(c.text("organization") ?? "", 24), c.text("stage") ?? "", c.text("voter") ?? "",
                           markers, lastTouch[c.id]?.description ?? ""])
            }
            print(table.render(ctx.terminal) { column, cell in column == 4 && cell.hasPrefix("--") ? ctx.terminal.yellow(cell) : cell })
            print(List.summary(contacts))
        }

        /// `3 contacts: 1 want, 2 active`.
        static func summary(_ contacts: [Record]) -> String {
            var byStage: [String: Int] = [:]
            for c in contacts { byStage[c.text("stage") ?? "none", default: 0] += 1 }
            let parts = (Schema.stages + ["none"]).compactMap { s in byStage[s].map { "\($0) \(s)" } }
            return RecordText.count(contacts.count, "contact") + ": " + parts.joined(separator: ", ")
        }
    }
}

/// `JSONOutput.print` of a listing, written directly: byte for byte what JSONSerialization
/// writes with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`, but with each key's place
/// in the order worked out once instead of in every comparison (JSONSerialization's locale-aware
/// comparison of every pair of keys took about two thirds of `contact list --json` on 10,000
/// contacts). A value it does not know makes `print` return `false`, and the listing then goes
/// through `JSONOutput`.
fileprivate struct ListingJSON {
    private var out: [UInt8] = []
    /// Every key seen so far, in JSONSerialization's order, and each one's place in it.
    private var keys: [String] = []
    private var rank: [String: Int] = [:]
    /// Scratch space of `object`: the index of each pair in the slot of its key's place in the
    /// order, -1 for none.
    private var slots: [Int] = []

    /// Prints a JSON array of `count` objects, each given as its (key, value) pairs (a later key
    /// wins), and a newline, as `JSONOutput.print` would; `false` (having printed nothing) for a
    /// value it does not know.
    static func print(count: Int, _ object: (Int) -> [(String, Any)]) -> Bool {
        var writer = ListingJSON()
        writer.out.reserveCapacity(count * 512 + 16)
        writer.out.append(0x5B)
        for n in 0..<count {
            writer.element(n, 2)
            guard writer.object(object(n), indent: 2) else { return false }
        }
        writer.close(0x5D, count == 0, 0)
        writer.out.append(0x0A)
        // Nothing else is printed: straight to standard output, without copying it.
        writer.out.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            FileHandle.standardOutput.write(Data(bytesNoCopy: base, count: bytes.count, deallocator: .none))
        }
        return true
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

    private mutating func object(_ pairs: [(String, Any)], indent: Int) -> Bool {
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
            guard write(pairs[i].1, indent: indent + 2) else { return false }
        }
        close(0x7D, n == 0, indent)
        return true
    }

    private mutating func write(_ value: Any, indent: Int) -> Bool {
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
        } else if let object = value as? [String: Any] {
            guard self.object(Array(object), indent: indent) else { return false }
        } else if let list = value as? [Any] {
            out.append(0x5B)
            for (n, v) in list.enumerated() {
                element(n, indent + 2)
                guard write(v, indent: indent + 2) else { return false }
            }
            close(0x5D, list.isEmpty, indent)
        } else if value is NSNull {
            out.append(contentsOf: "null".utf8)
        } else {
            return false
        }
        return true
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
