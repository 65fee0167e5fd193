import Foundation
import TouchbaseCore
import TouchbaseStore

/// A big, lived-in database built through the Store's public API: contacts at every stage with
/// voters, asks, offers, tags and hubs; two years of interactions (touches, follow-ups, replies,
/// meetings with debriefs, events with others present, planned meetings, open follow-ups); a
/// reason library, prep sessions, settings, a few merged duplicates and deleted contacts.
enum BigDatabase {
    /// The fixed "today" of the CLI runs (`TOUCHBASE_NOW`).
    static let now = "2026-03-02T09:00:00Z"
    static let today = CalendarDate(year: 2026, month: 3, day: 2)!

    struct Summary {
        var contacts: Int
        var interactions: Int
        var puts: Int
        var seconds: Double
    }

    static func build(at path: String, contacts: Int, interactions: Int, seed: UInt64) throws -> Summary {
        let start = monotonicSeconds()
        let store = try Store.create(at: path, deviceName: "bench")
        var fake = Fake(seed: seed)
        var pending: [Op] = []
        var puts = 0
        func add(_ ops: [Op]) throws {
            pending += ops
            if pending.count >= 20_000 { try flush() }
        }
        func flush() throws {
            guard !pending.isEmpty else { return }
            puts += pending.count
            try store.commit(pending)
            pending = []
        }
        func date(daysAgo: Int) -> CalendarDate { today.adding(days: -daysAgo) }

        // Settings, hubs, tags with cadences, the reason library.
        for (key, value) in [(WorkflowSettings.targetKey, "2"), (WorkflowSettings.pendingDaysKey, "7")] {
            try add(RecordOps.put("setting", Schema.settingID(key), [("key", .text(key)), ("value", .text(value))]))
        }
        var hubs: [RecordID] = []
        for name in Fake.hubNames {
            let id = fake.recordID()
            hubs.append(id)
            try add(RecordOps.put("hub", id, [
                ("name", .text(name)), ("kind", .text(fake.pick(["meetup", "community", "alumni", "conference", "slack"]))),
                ("url", .text("https://example.org/\(name.lowercased().replacingOccurrences(of: " ", with: "-"))")),
                ("schedule", .text(fake.pick(["monthly", "weekly", "quarterly", "yearly"]))),
                ("location", .text(fake.pick(Fake.cities))),
            ]))
        }
        for name in ["mentor", "warm", "hiring"] {
            try add([Op(entity: "tag", record: Schema.tagID(name), field: "name", value: .text(name)),
                     Op(entity: "tag", record: Schema.tagID(name), field: "cadence", value: .int(Int64(fake.pick([14, 30, 45]))))])
        }
        var reasons: [RecordID] = []
        for i in 0..<200 {
            let id = fake.recordID()
            reasons.append(id)
            try add(RecordOps.put("reason", id, [
                ("text", .text("\(fake.pick(Fake.reasons)) (#\(i))")),
                ("url", fake.chance(0.5) ? .text("https://blog.example.org/post-\(i)") : nil),
            ]))
        }

        // Contacts.
        var ids: [RecordID] = []
        ids.reserveCapacity(contacts)
        for _ in 0..<contacts {
            let id = fake.recordID()
            ids.append(id)
            var ops = fake.newContact(id)
            ops += RecordOps.put("contact", id, [
                ("source", .text(fake.pick(Fake.sources))),
                ("phones", fake.chance(0.5) ? .texts(["+44 20 7946 \(fake.int(1000..<9999))"]) : nil),
                ("notes", fake.chance(0.3) ? .text(fake.pick(Fake.notes)) : nil),
                ("cadence", fake.chance(0.1) ? .int(Int64(fake.pick([30, 60, 90]))) : nil),
                ("connectedOn", fake.chance(0.5) ? .date(date(daysAgo: fake.int(30..<2000))) : nil),
            ])
            // Some contacts have no ask or no offer yet.
            if fake.chance(0.3) { ops.removeAll { $0.field == "ask" } }
            if fake.chance(0.4) { ops.removeAll { $0.field == "offer" } }
            for _ in 0..<fake.int(0..<4) { ops += RecordOps.tag(id, fake.pick(Fake.tagNames)) }
            if fake.chance(0.4) {
                for _ in 0..<fake.int(1..<3) {
                    ops += RecordOps.join(contact: id, hub: fake.pick(hubs), role: fake.chance(0.2) ? "organizer" : nil)
                }
            }
            try add(ops)
        }

        // Interactions: a few contacts get most of them.
        func someContact() -> RecordID {
            let u = Double(fake.rng.next() >> 11) / Double(1 << 53)
            return ids[min(ids.count - 1, Int(u * u * Double(ids.count)))]
        }
        for _ in 0..<interactions {
            let id = fake.recordID()
            let kind = fake.weighted([("new-touch", 25), ("follow-up", 20), ("reply", 15), ("meeting", 15),
                                      ("informational", 5), ("event", 8), ("note", 12)])
            var day = date(daysAgo: fake.int(0..<730))
            var status: String? = fake.chance(0.3) ? "done" : nil
            if kind == "meeting" && fake.chance(0.05) {
                day = today.adding(days: fake.int(0..<14))
                status = "planned"
            } else if fake.chance(0.02) {
                status = "cancelled"
            }
            let outreach = kind == "new-touch" || kind == "follow-up"
            let meeting = kind == "meeting" || kind == "informational"
            var fields: [(String, Value?)] = [
                ("contact", .ref(someContact())),
                ("date", .date(day)),
                ("kind", .text(kind)),
                ("direction", outreach ? .text("out") : kind == "reply" ? .text("in") : nil),
                ("channel", kind == "note" ? nil : .text(fake.pick(Fake.channels))),
                ("status", status.map(Value.text)),
            ]
            if outreach {
                if fake.chance(0.8) {
                    fields.append(("reason", .text(fake.pick(Fake.reasons))))
                } else {
                    fields.append(("reasonRef", .ref(fake.pick(reasons))))
                }
                if fake.chance(0.35), day.adding(days: 10) <= today { fields.append(("answered", .date(day.adding(days: fake.int(1..<10))))) }
            }
            if meeting {
                fields.append(("exitGoal", fake.chance(0.7) ? .text(fake.pick(Fake.exitGoals)) : nil))
                if status != "planned" && fake.chance(0.6) {
                    fields.append(("learned", .text(fake.pick(Fake.learned))))
                    fields.append(("nextStep", .text(fake.pick(Fake.nextSteps))))
                }
                if fake.chance(0.2) { fields.append(("outcome", .text("good chat"))) }
            }
            if kind == "event" {
                if fake.chance(0.8) { fields.append(("hub", .ref(fake.pick(hubs)))) }
                if fake.chance(0.4) { fields.append(("others", .refs((0..<fake.int(1..<4)).map { _ in someContact() }))) }
            }
            if kind == "note" { fields.append(("learned", .text(fake.pick(Fake.notes)))) }
            if fake.chance(0.15) { fields.append(("followUp", .date(day.adding(days: fake.int(7..<22))))) }
            if fake.chance(0.1) { fields.append(("minutes", .int(Int64(fake.int(15..<90))))) }
            try add(RecordOps.put("interaction", id, fields))
        }

        // Prep sessions, a few merged duplicates and deleted contacts.
        for _ in 0..<2_000 {
            try add(RecordOps.put("prep", fake.recordID(), [
                ("what", .text("research \(fake.pick(Fake.organizations))")), ("minutes", .int(Int64(fake.int(10..<90)))),
                ("date", .date(date(daysAgo: fake.int(0..<730)))),
            ]))
        }
        for i in 0..<min(50, ids.count / 4) { try add(RecordOps.merge("contact", from: ids[i * 2 + 1], into: ids[i * 2])) }
        for i in 0..<min(100, ids.count / 4) { try add(RecordOps.delete("contact", ids[ids.count - 1 - i])) }
        try flush()
        return Summary(contacts: contacts, interactions: interactions, puts: puts, seconds: monotonicSeconds() - start)
    }
}

enum CLIBench {
    /// `today`, `contact list` and `board` of the release binary on the big database, each against
    /// the start of the same binary (`--version`), with process start included in both.
    static func run(_ config: BenchConfig, binary: String) throws -> [ResultLine] {
        let dir = try TemporaryDirectory("cli")
        defer { dir.remove() }
        log("cli: building a database of \(config.cliContacts) contacts and \(config.cliInteractions) interactions…")
        let summary = try BigDatabase.build(at: dir.file("touchbase.sqlite"), contacts: config.cliContacts,
                                            interactions: config.cliInteractions, seed: 4)
        log("cli: built in \(format(summary.seconds)) s (\(summary.puts) puts); timing \(binary)…")
        let env = ["TOUCHBASE_NOW": BigDatabase.now, "NO_COLOR": "1", "TOUCHBASE_HOME": dir.path]
        let home = ["--home", dir.path]
        let commands: [(key: String, title: String, args: [String])] = [
            ("cli-today", "4. touchbase today", ["today"] + home),
            ("cli-contact-list", "4. touchbase contact list", ["contact", "list"] + home),
            ("cli-board", "4. touchbase board", ["board"] + home),
        ]
        let baseline = ["--version"]
        // Warm-up (page cache, first-run work) and a look at what each command prints.
        _ = try runProcess(binary, baseline, environment: env)
        var outputLines: [String: Int] = [:]
        for c in commands {
            let r = try runProcess(binary, c.args, environment: env, capture: true)
            outputLines[c.key] = r.output.split(separator: "\n").count
        }
        var samples: [String: [Double]] = ["base": []]
        for c in commands { samples[c.key] = [] }
        for round in 0..<config.cliRuns {
            // Rotate the order each round.
            var order: [(key: String, args: [String])] = [("base", baseline)] + commands.map { ($0.key, $0.args) }
            order = Array(order[(round % order.count)...] + order[..<(round % order.count)])
            for (key, args) in order { samples[key]!.append(try runProcess(binary, args, environment: env).seconds) }
        }
        let base = Stats(samples["base"]!)
        return commands.map { c in
            let s = Stats(samples[c.key]!)
            return ResultLine(
                key: c.key, title: c.title, unit: "ms", median: s.median * 1000, best: s.min * 1000,
                baselineTitle: "ms touchbase --version", baselineMedian: base.median * 1000, ratio: s.median / base.median,
                target: "≤ 8× --version", met: s.median / base.median <= 8, repetitions: s.count,
                note: c.key == "cli-today"
                    ? "release binary, process start included, stdout to /dev/null; database: \(summary.contacts) contacts, "
                        + "\(summary.interactions) interactions (+ tags, hubs, reasons, prep, merges; \(summary.puts) puts); "
                        + "\(outputLines[c.key] ?? 0) lines printed"
                    : "\(outputLines[c.key] ?? 0) lines printed",
                targets: [.ratio(c.key, s.median / base.median, atMost: 8)])
        }
    }
}
