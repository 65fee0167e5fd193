import Foundation
import Testing
import TouchbaseCore
import TouchbaseStore
import TouchbaseTestSupport

/// `touchbase opp`, `intro`, `today` and `board --opportunities`, as a user runs them.
@Suite struct OpportunityCommandTests {
    /// A home with Ben at Northwind (active), Léa at northwind (wishlist) and Eve at a hub with Ben.
    private func world() throws -> (CLIRunner, WorkflowSeed) {
        let runner = try CLIRunner(now: "2026-03-02T09:00:00Z")
        let seed = try WorkflowSeed(runner)
        let ben = try seed.contact("Ben Okri", stage: "active")
        try seed.store.commit(RecordOps.put("contact", ben, [("organization", .text("Northwind"))]))
        let lea = try seed.contact("Léa Martin", stage: "want")
        try seed.store.commit(RecordOps.put("contact", lea, [("organization", .text("NORTHWIND"))]))
        let eve = try seed.contact("Eve Adams", stage: "active")
        let hub = try seed.hub("PyData")
        try seed.store.commit(RecordOps.join(contact: ben, hub: hub) + RecordOps.join(contact: eve, hub: hub))
        return (runner, seed)
    }

    @Test func addListShowEditCloseRemoveRestore() throws {
        let (r, _) = try world()
        defer { r.cleanup() }
        let added = try r.ok(["opp", "add", "Data Engineer", "--org", "northwind", "--next", "email the recruiter", "--next-on", "2026-03-05",
                              "--referrer", "Ben"])
        #expect(added.contains("Added Data Engineer at northwind"))
        #expect(added.contains("Also at northwind: Léa Martin"), "contacts at the same organisation are suggested")

        let list = try r.jsonArray(["opp", "list"])
        #expect(list.count == 1)
        let row = try #require(list.first)
        let o = try #require(row["opportunity"] as? [String: Any])
        #expect(o["role"] as? String == "Data Engineer")
        #expect(o["stage"] as? String == "researching")
        #expect(o["nextStepOn"] as? String == "2026-03-05")
        #expect((row["people"] as? [[String: Any]])?.first?["role"] as? String == "referrer")

        let show = try r.ok(["opp", "show", "data engineer"])
        #expect(show.contains("Ben Okri  referrer"))
        #expect(show.contains("Also at northwind"))
        #expect(show.contains("Who could introduce you"))
        #expect(show.contains("Eve Adams — at PyData with Ben Okri"))
        let json = try r.jsonObject(["opp", "show", "data engineer"])
        #expect((json["suggested"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Léa Martin"])
        #expect((json["introductions"] as? [[String: Any]])?.map { $0["via"] as? String } == ["works-there", "same-hub"])

        try r.ok(["opp", "edit", "engineer", "--stage", "applied", "--next", ""])
        let edited = try r.jsonObject(["opp", "show", "engineer"])["opportunity"] as? [String: Any]
        #expect(edited?["stage"] as? String == "applied")
        #expect(edited?["applied"] as? String == "2026-03-02")
        #expect(edited?["nextStep"] == nil, "an empty value clears a field")

        try r.ok(["opp", "close", "engineer", "rejected"])
        #expect(try r.jsonArray(["opp", "list"]).isEmpty)
        #expect(try r.jsonArray(["opp", "list", "--all"]).count == 1)
        try r.ok(["opp", "rm", "engineer"])
        #expect(try r.jsonArray(["opp", "list", "--all"]).isEmpty)
        try r.ok(["opp", "restore", "engineer"])
        let history = try r.ok(["opp", "history", "engineer"])
        #expect(history.contains("linked Ben Okri as referrer"))
        #expect(history.contains("outcome = \"rejected\""))
        #expect(history.contains("restored"))
    }

    @Test func linkUnlinkAndRefusals() throws {
        let (r, _) = try world()
        defer { r.cleanup() }
        try r.ok(["opp", "add", "Analyst", "--org", "Contoso"])
        try r.ok(["opp", "link", "analyst", "Eve", "--as", "interviewer"])
        #expect(try r.ok(["opp", "show", "analyst"]).contains("Eve Adams  interviewer"))
        try r.ok(["opp", "unlink", "analyst", "Eve"])
        #expect(try r.refused(["opp", "unlink", "analyst", "Eve"]).contains("not linked"))
        #expect(try r.refused(["opp", "link", "analyst", "Eve", "--as", "boss"]).contains("--as must be one of"))
        #expect(try r.refused(["opp", "add", "Dev"]).contains("--org"))
        #expect(try r.refused(["opp", "add", "Dev", "--org", "X", "--stage", "closed"]).contains("opp close"))
        #expect(try r.refused(["opp", "add", "Dev", "--org", "X", "--stage", "hot"]).contains("--stage must be one of"))
        #expect(try r.refused(["opp", "add", "Dev", "--org", "X", "--next-on", "someday"]).contains("someday"))
        #expect(try r.refused(["opp", "close", "analyst", "ghosted"]).contains("accepted"))
        #expect(try r.refused(["opp", "show", "nothing like it"]).isEmpty == false)
        #expect(try r.refused(["opp", "edit", "analyst"]).contains("nothing to change"))
    }

    @Test func todayShowsDueStepsAndAReferralTouchAndTheBoardHasAnOpportunitiesView() throws {
        let (r, _) = try world()
        defer { r.cleanup() }
        try r.ok(["opp", "add", "Data Engineer", "--org", "Northwind", "--next", "read the blog", "--next-on", "2026-03-01", "--referrer", "Ben"])
        try r.ok(["opp", "add", "Analyst", "--org", "Contoso", "--stage", "interviewing"])
        let today = try r.ok(["today"])
        #expect(today.contains("Opportunity steps due"))
        #expect(today.contains("Data Engineer at Northwind (researching) — 1 day late — next: read the blog"))
        #expect(today.contains("Before you apply: ask for a referral"))
        #expect(today.contains("touchbase touch 'Ben Okri' --reason"))
        let json = try r.jsonObject(["today"])
        let opps = try #require(json["opportunities"] as? [String: Any])
        #expect((opps["dueSteps"] as? [[String: Any]])?.first?["overdueDays"] as? Int == 1)
        #expect((opps["referralTouches"] as? [[String: Any]])?.first?["name"] as? String == "Ben Okri")

        let board = try r.ok(["board", "--opportunities"])
        #expect(board.contains("Researching (1)"))
        #expect(board.contains("Interviewing (1)"))
        let boardJSON = try r.jsonObject(["board", "--opportunities"])
        let columns = try #require(boardJSON["columns"] as? [[String: Any]])
        #expect(columns.map { $0["stage"] as? String } == ["researching", "applied", "interviewing", "offer", "closed"])

        let intro = try r.ok(["intro"])
        #expect(intro.contains("Northwind"))
        #expect(intro.contains("Ben Okri — works there"))
        let introJSON = try r.jsonArray(["intro", "contoso"])
        #expect(introJSON.first?["organization"] as? String == "Contoso" || introJSON.first?["organization"] as? String == "contoso")
    }

    @Test func statsChartsTheFunnelAndItsJSON() throws {
        let (r, seed) = try world()
        defer { r.cleanup() }
        let ben = try seed.store.find("contact", "Ben").id
        try seed.interaction(ben, "2026-02-24", kind: "new-touch", direction: "out",
                             extra: [("channel", .text("email")), ("answered", .date(CalendarDate("2026-02-25")!))])
        try seed.interaction(ben, "2026-02-25", kind: "reply", direction: "in")
        try seed.interaction(ben, "2026-03-02", kind: "follow-up", direction: "out", extra: [("channel", .text("linkedin"))])
        let text = try r.ok(["stats", "--weeks", "2"])
        #expect(text.contains("Funnel"))
        #expect(text.contains("#"), "bars are plain when the output is not a terminal")
        #expect(!text.contains("█"))
        #expect(!text.contains("\u{1B}["), "no colour under NO_COLOR or off a terminal")
        #expect(text.contains("Response rate by channel"))
        #expect(text.contains("100 %  1 of 1"))
        let json = try r.jsonObject(["stats", "--weeks", "2"])
        #expect(json["from"] as? String == "2026-02-23")
        let weeks = try #require(json["weeks"] as? [[String: Any]])
        #expect(weeks.map { $0["touches"] as? Int } == [1, 1])
        #expect(weeks.map { $0["replies"] as? Int } == [1, 0])
        let channels = try #require(json["byChannel"] as? [[String: Any]])
        #expect(channels.map { $0["label"] as? String } == ["email", "linkedin"])
        #expect(channels.map { $0["rate"] as? Double } == [1, 0])
        #expect(try r.refused(["stats", "--weeks", "0"]).contains("--weeks"))
    }
}

/// An opportunity edited on two devices at once: the conflict is listed by its title and resolved
/// like any other.
@Suite struct OpportunityConflictCommandTests {
    @Test func aConcurrentEditIsAConflictNamedByTheOpportunity() throws {
        let runner = try CLIRunner(now: "2026-03-02T09:00:00Z")
        defer { runner.cleanup() }
        let seed = try WorkflowSeed(runner)
        let id = Fixtures.record(5150)
        let created = try #require(try seed.store.commit(RecordOps.put("opportunity", id, [("role", .text("Data Engineer")),
                                                                                            ("organization", .text("Northwind")),
                                                                                            ("stage", .text("researching"))])))
        var other = Replica(device: Fixtures.device(42))
        _ = other.receive([created])
        let theirs = other.commit([Op(entity: "opportunity", record: id, field: "nextStep", value: .text("call Ben"))],
                                  wallMilliseconds: 1_772_442_000_500)
        try seed.store.commit([Op(entity: "opportunity", record: id, field: "nextStep", value: .text("write to Léa"))])
        _ = try seed.store.apply([theirs])
        let conflicts = try runner.ok(["conflicts"])
        #expect(conflicts.contains("Data Engineer at Northwind"))
        let show = try runner.ok(["opp", "show", "engineer"])
        #expect(show.contains("Conflicts"))
        #expect(show.contains("nextStep"))
        try runner.ok(["opp", "edit", "engineer", "--next", "call Ben, then Léa"])
        #expect(try runner.ok(["conflicts"]).contains("No ") || !(try runner.ok(["conflicts"]).contains("Data Engineer")))
        let after = try runner.jsonObject(["opp", "show", "engineer"])
        #expect((after["conflicts"] as? [Any])?.isEmpty == true, "an edit that sees both values resolves the conflict")
    }
}
