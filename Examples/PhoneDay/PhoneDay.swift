import Foundation
import TouchbaseKit

/// A phone app's day on two devices (a phone and a laptop) sharing one folder, told step by step.
/// Every call is the kit's public API; each step checks what a screen would show.
func runPhoneDay(in root: URL) async throws {
    let shared = root.appendingPathComponent("shared")
    try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
    let world = FixedWorld()
    let phone = try Device(name: "phone", number: 1, directory: root.appendingPathComponent("phone"), shared: shared, world: world)
    let laptop = try Device(name: "laptop", number: 2, directory: root.appendingPathComponent("laptop"), shared: shared, world: world)
    phone.say("workspace created on the shared folder, today is \(phone.workspace.today)")
    laptop.say("workspace created on the same folder")

    // Contacts screen: add one person by hand, then import a file shared to the app.
    var draft = ContactDraft(name: "Ada Lovelace")
    draft.organization = "Analytical Engines"
    draft.emails = ["ada@Example.ORG"]
    draft.ask = "an introduction to a hardware team"
    draft.offer = "notes on programming the engine"
    let ada = try phone.workspace.addContact(draft).contact
    try expect(ada.emails == ["ada@example.org"], "the email was not normalised: \(ada.emails)")
    phone.say("added \(ada.name) (stage \(ada.stage?.rawValue ?? "none"), email \(ada.emails[0]))")

    let card = """
        BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\nORG:Navy Labs\r\nEMAIL:grace@example.org\r\nEND:VCARD\r
        BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nN:Turing;Alan;;;\r\nEMAIL:alan@example.org\r\nEND:VCARD\r\n
        """
    let file = root.appendingPathComponent("contacts.vcf")
    try Data(card.utf8).write(to: file)
    let imported = try phone.workspace.importContacts(data: Data(contentsOf: file), fileName: file.lastPathComponent)
    try expect(imported.created == 2 && imported.skipped.isEmpty, "the import made \(imported.created) contact(s), skipped \(imported.skipped.count)")
    phone.say("imported \(imported.created) contacts from \(file.lastPathComponent)")
    let contacts = try phone.workspace.contacts()
    try expect(contacts.count == 3, "the contact list has \(contacts.count) contacts, not 3")
    phone.say("contacts: \(contacts.map(\.name).joined(separator: ", "))")
    guard let grace = contacts.first(where: { $0.name == "Grace Hopper" }) else { throw DayFailure("Grace Hopper was not imported") }

    // Today screen: who to reach out to.
    let plan = try phone.workspace.todayPlan()
    try expect(!plan.newTouches.isEmpty, "today's plan picks nobody")
    phone.say("today's plan: \(plan.newTouches.count) new touch(es), first \(plan.newTouches[0].name)")

    // Log an interaction: a touch with something to say.
    let touch = try phone.workspace.touch(TouchInput(contact: ada.id, reason: "Shared the article on the engine's notes", channel: "email"))
    phone.say("touched Ada Lovelace by email (stage \(touch.stageBefore ?? "none") -> \(touch.stageAfter ?? "none"))")

    // Plan a meeting, and debrief it after it took place.
    let meeting = try phone.workspace.planMeeting(MeetingPlan(contact: grace.id, date: phone.workspace.today, exitGoal: "agree on a second talk", time: "15:00"))
    phone.say("planned a meeting with Grace Hopper today at 15:00")
    world.advance(minutes: 240)
    let debrief = try phone.workspace.debrief(Debrief(contact: grace.id, learned: "she is writing a compiler", nextStep: "send the paper",
                                                      followUp: phone.workspace.today.adding(days: 7)))
    try expect(debrief.wasPlanned && debrief.interaction == meeting.interaction, "the debrief did not close the planned meeting")
    phone.say("debriefed the meeting with Grace Hopper, follow-up on \(debrief.followUp.map { "\($0)" } ?? "none")")

    // Sync screen: the laptop catches up through the folder.
    try await phone.sync()
    try await laptop.sync()
    let onLaptop = try laptop.workspace.contacts()
    try expect(onLaptop.count == 3, "the laptop sees \(onLaptop.count) contacts, not 3")
    laptop.say("now sees \(onLaptop.count) contacts")

    // Contact detail, kept fresh by an observation: the laptop edits, the phone's screen follows.
    let role = Latest<String?>()
    let adaID = ada.id
    let watcher = Task {
        do {
            for try await value in phone.workspace.observe({ try $0.contact(id: adaID)?.role }) { await role.append(value) }
        } catch {}
    }
    defer { watcher.cancel() }
    _ = try await role.wait(seconds: 60) { $0 == nil }
    phone.say("observing Ada Lovelace's detail (role: none)")
    var changes = ContactChanges()
    changes.role = .set("Mathematician")
    try laptop.workspace.editContact(ada.id, changes)
    laptop.say("set Ada Lovelace's role to Mathematician")
    try await laptop.sync()
    try expect(await role.values.allSatisfy { $0 == nil }, "the phone showed the laptop's edit before syncing")
    try await phone.sync()
    let arrived = try await role.wait(seconds: 60) { $0 == "Mathematician" }
    phone.say("observation delivered the laptop's edit: role \(arrived ?? "none")")

    // Conflicts screen: both devices change the same field before either syncs.
    world.advance(minutes: 5)
    var onPhone = ContactChanges()
    onPhone.location = .set("London")
    try phone.workspace.editContact(ada.id, onPhone)
    phone.say("set Ada Lovelace's location to London")
    var onLaptopEdit = ContactChanges()
    onLaptopEdit.location = .set("Paris")
    try laptop.workspace.editContact(ada.id, onLaptopEdit)
    laptop.say("set Ada Lovelace's location to Paris, without syncing first")
    try await phone.sync()
    try await laptop.sync()
    try await phone.sync()
    let open = try phone.workspace.conflicts()
    guard open.count == 1, let conflict = open.first, conflict.kind == .field, conflict.field == "location" else {
        throw DayFailure("expected one conflict on the location, found \(open.count)")
    }
    let competing = conflict.values.map { "\($0.value) from \($0.deviceName ?? "?")" }.joined(separator: " | ")
    phone.say("1 open conflict: \(conflict.field) of \(conflict.record.name): \(competing)")
    guard let keep = conflict.values.firstIndex(where: { $0.value == .text("London") }) else { throw DayFailure("London is not a competing value") }
    try phone.workspace.resolve(conflict, with: .keep(keep))
    phone.say("resolved it: kept London")
    try await phone.sync()
    try await laptop.sync()

    // Both devices now show the same thing.
    let phoneContacts = try phone.workspace.contacts()
    let laptopContacts = try laptop.workspace.contacts()
    try expect(try phone.workspace.conflicts().isEmpty && laptop.workspace.conflicts().isEmpty, "a conflict is still open")
    try expect(phoneContacts == laptopContacts, "the devices' contacts differ")
    try expect(laptopContacts.first(where: { $0.id == ada.id })?.location == "London", "the laptop does not show the resolution")
    try expect(try phone.workspace.syncStatus().applied == laptop.workspace.syncStatus().applied, "the devices applied different changes")
    print("both devices equal: \(phoneContacts.count) contacts, no open conflicts")
}
