import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// Imports that feed the method: stage, voter and tags for everyone; re-imports that respect the
/// user's edits (across devices); job changes as something to say.
@Suite struct ImportEditsTests {
    static func linkedIn(_ rows: [String]) -> Data {
        Data((["First Name,Last Name,URL,Email Address,Company,Position,Connected On"] + rows).joined(separator: "\n").utf8)
    }

    static let first = linkedIn([
        "Ben,Okri,https://www.linkedin.com/in/benokri,ben@example.org,Acme,Engineer,01 Feb 2026",
        "Cara,Diaz,https://www.linkedin.com/in/caradiaz,,Globex,Analyst,02 Feb 2026",
    ])
    static let moved = linkedIn([
        "Ben,Okri,https://www.linkedin.com/in/benokri,ben@example.org,Northwind,Engineer,01 Feb 2026",
        "Cara,Diaz,https://www.linkedin.com/in/caradiaz,,Initech,Lead Analyst,02 Feb 2026",
    ])

    func contact(_ w: Workspace, _ name: String) throws -> Contact { try w.contact(matching: name) }

    @Test func stageVoterAndTagsForEveryoneItBringsIn() throws {
        let w = try KitWorld()
        let ben = try w.contact("Ben Okri", stage: "active", extra: [("linkedin", .text("https://www.linkedin.com/in/benokri"))])
        let outcome = try w.workspace.importContacts(data: Self.first, options: ImportOptions(stage: .want, voter: .swing, tags: ["Spring 2026", "fintech"]))
        #expect(outcome.created == 1 && outcome.updated == 1)
        let cara = try contact(w.workspace, "Cara")
        #expect(cara.stage == .want && cara.voter == .swing)
        let kept = try #require(try w.workspace.contact(id: ben))
        #expect(kept.stage == .active, "a stage the person already has is kept")
        #expect(kept.voter == .swing, "a voter is given to someone who had none")
        #expect(try w.workspace.contactList(ContactFilter()).allSatisfy { Set($0.tags).isSuperset(of: ["spring 2026", "fintech"]) })
        #expect(try w.workspace.board().entries(at: "want").map(\.name) == ["Cara Diaz"])
        #expect(try w.workspace.todayPlan().newTouches.map(\.name) == ["Cara Diaz"])

        // Bad options are refused before anything is read or written.
        #expect(throws: WorkspaceError(.emptyValue, field: "tag")) {
            try w.workspace.importContacts(data: Self.moved, options: ImportOptions(tags: ["  "]))
        }
        #expect(throws: WorkspaceError(.malformed, field: "stage", detail: "want, docket, pending, active, dormant")) {
            try w.workspace.importContacts(data: Self.moved, options: ImportOptions(stage: .unrecognized("hot")))
        }
        #expect(try contact(w.workspace, "Cara").organization == "Globex")
    }

    @Test func aReimportKeepsEditsAndRecordsJobChanges() throws {
        let w = try KitWorld()
        try w.workspace.importContacts(data: Self.first)
        let ben = try contact(w.workspace, "Ben")
        var edit = ContactChanges()
        edit.organization = .set("Acme Research")  // the user knows better
        try w.workspace.editContact(ben.id, edit)

        // The dry run lists each person and field, and writes nothing.
        let dry = try w.workspace.importContacts(data: Self.moved, dryRun: true)
        let cara = try contact(w.workspace, "Cara")
        #expect(dry.updated == 1 && dry.unchanged == 1 && dry.jobChanges == 1)
        #expect(dry.changes.contains(ImportChange(file: nil, line: 2, contact: ben.id, name: "Ben Okri",
                                                  kind: .keptEdit(field: "organization", kept: .text("Acme Research"), offered: .text("Northwind")))))
        #expect(dry.changes.contains(ImportChange(file: nil, line: 3, contact: cara.id, name: "Cara Diaz",
                                                  kind: .updated(field: "organization", before: .text("Globex"), after: .text("Initech")))))
        #expect(dry.changes.contains(ImportChange(file: nil, line: 3, contact: cara.id, name: "Cara Diaz",
                                                  kind: .updated(field: "role", before: .text("Analyst"), after: .text("Lead Analyst")))))
        #expect(try contact(w.workspace, "Cara").organization == "Globex")
        #expect(try w.count("jobChange") == 0)

        let outcome = try w.workspace.importContacts(data: Self.moved)
        #expect(outcome.jobChanges == 1 && outcome.changes.isEmpty)
        #expect(try contact(w.workspace, "Ben").organization == "Acme Research")
        let moved = try contact(w.workspace, "Cara")
        #expect(moved.organization == "Initech" && moved.role == "Lead Analyst")
        // The history keeps the old value.
        let history = try w.workspace.history(of: .contact, cara.id)
        #expect(history.flatMap(\.ops).contains { $0.field == "organization" && $0.value == .text("Globex") })

        // Today offers it as something to say, until Cara is in touch again.
        let plan = try w.workspace.todayPlan()
        let note = try #require(plan.jobChanges.first)
        #expect(plan.jobChanges.count == 1 && note.name == "Cara Diaz" && note.joinedNewOrganization)
        #expect(note.organization == "Initech" && note.previousOrganization == "Globex" && note.role == "Lead Analyst")
        w.advance(days: 1)
        try w.workspace.touch(TouchInput(contact: cara.id, reason: "congratulations on Initech"))
        #expect(try w.workspace.todayPlan().jobChanges.isEmpty)

        // The same file again changes nothing.
        let again = try w.workspace.importContacts(data: Self.moved)
        #expect(again.updated == 0 && again.jobChanges == 0)
        // Clearing the edit lets the import in again.
        edit.organization = .set("Northwind")
        try w.workspace.editContact(ben.id, edit)
        let later = Self.linkedIn(["Ben,Okri,https://www.linkedin.com/in/benokri,ben@example.org,Southwind,Engineer,01 Feb 2026"])
        #expect(try w.workspace.importContacts(data: later).jobChanges == 1)
        #expect(try contact(w.workspace, "Ben").organization == "Southwind")
    }

    @Test func aContactAddedByHandIsNotOverwrittenByAFirstImport() throws {
        let w = try KitWorld()
        try w.contact("Ben Okri", extra: [("linkedin", .text("https://www.linkedin.com/in/benokri")), ("organization", .text("Acme Labs"))])
        let outcome = try w.workspace.importContacts(data: Self.first)
        #expect(try contact(w.workspace, "Ben").organization == "Acme Labs")
        #expect(try contact(w.workspace, "Ben").role == "Engineer", "an empty field is filled")
        #expect(outcome.jobChanges == 0)
    }

    @Test func whatWasImportedSyncsSoAnotherDeviceRespectsItToo() throws {
        let f = try KitFixture()
        defer { f.cleanup() }
        let laptop = try f.make("laptop", device: 1)
        let phone = try f.make("phone", device: 2)
        try laptop.importContacts(data: Self.first)
        try f.exchange(laptop, phone)
        // On the phone, the user edits Ben; the phone re-imports the newer file.
        let ben = try phone.contact(matching: "Ben")
        var edit = ContactChanges()
        edit.organization = .set("Acme Research")
        try phone.editContact(ben.id, edit)
        f.clock.advance(milliseconds: 1000)
        let outcome = try phone.importContacts(data: Self.moved)
        #expect(outcome.jobChanges == 1, "the laptop's import is what the phone compares with")
        #expect(try phone.contact(matching: "Cara").organization == "Initech")
        #expect(try phone.contact(matching: "Ben").organization == "Acme Research")
        // Back on the laptop: the job change and the kept edit arrive.
        try f.exchange(phone, laptop)
        #expect(try laptop.todayPlan().jobChanges.map(\.name) == ["Cara Diaz"])
        #expect(try laptop.contact(matching: "Ben").organization == "Acme Research")
        // And the laptop's own re-import of the same file changes nothing.
        let again = try laptop.importContacts(data: Self.moved)
        #expect(again.updated == 0 && again.jobChanges == 0)
    }
}
