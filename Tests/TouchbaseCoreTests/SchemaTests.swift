import Testing
import TouchbaseCore
import TouchbaseTestSupport

@Suite struct SchemaTests {
    @Test("normalizeTag trims, lowercases and collapses inner whitespace", arguments: [
        ("mentors", "mentors"), ("Mentors", "mentors"), ("  Mentors  ", "mentors"), ("Job   Club", "job club"),
        ("\tJob\nClub\t", "job club"), ("", ""), ("   ", ""), ("ÉQUIPE Été", "équipe été"),
    ])
    func normalizeTag(input: String, expected: String) {
        #expect(Schema.normalizeTag(input) == expected)
    }

    /// Tag names arrive from imports and pasted text: CRLF line ends (one `Character` in Swift,
    /// which is neither " " nor "\n") and no-break spaces are whitespace too, or "Mentors\r\n" and
    /// "Mentors" would be two tags.
    @Test("normalizeTag treats every Unicode whitespace as whitespace", arguments: [
        ("Mentors\r\n", "mentors"), ("Job\u{00A0}Club", "job club"), ("job\r\nclub", "job club"), ("\u{2003}Mentors\r", "mentors"),
    ])
    func normalizeTagWhitespace(input: String, expected: String) {
        #expect(Schema.normalizeTag(input) == expected)
        #expect(Schema.tagID(input) == Schema.tagID(expected))
    }

    @Test func tagIDIgnoresCaseAndSpacing() {
        #expect(Schema.tagID(" Mentors ") == Schema.tagID("mentors"))
        #expect(Schema.tagID("Job  Club") == Schema.tagID("job club"))
        #expect(Schema.tagID("mentors") != Schema.tagID("mentor"))
    }

    /// Pinned derived ids (first 16 bytes of SHA-256 over `touchbase:<kind>\0<key>`, computed with
    /// sha256sum). Every device must derive the same id for the same natural key, in every version.
    @Test func derivedIDsArePinned() {
        let contact = Fixtures.record(1), hub = Fixtures.record(2)
        #expect(Schema.tagID("Mentors").hex == "1e8a1ef79592847b5abcc95c6b51d8e6")
        #expect(Schema.membershipID(contact: contact, hub: hub).hex == "f56aae5a67442afe06f40241c25b4c3e")
        #expect(Schema.taggingID(target: contact, tag: Schema.tagID("mentors")).hex == "dd9b87273f08788df655d1a122cd12cd")
        #expect(Schema.linkedinContactID("https://www.linkedin.com/in/ada-lovelace").hex == "9f20f7b9a976a43e1ac4936f611c6489")
        #expect(Schema.settingID("dailyTarget").hex == "ba0f90728b6b846ebb4bd6205959e5d1")
    }

    @Test func derivedIDsDependOnRoleOrder() {
        let a = Fixtures.record(1), b = Fixtures.record(2)
        #expect(Schema.membershipID(contact: a, hub: b) != Schema.membershipID(contact: b, hub: a))
        #expect(Schema.taggingID(target: a, tag: b) != Schema.taggingID(target: b, tag: a))
        #expect(Schema.membershipID(contact: a, hub: b) != Schema.taggingID(target: a, tag: b))
    }

    @Test func everyEntityHasADeletedFlag() {
        #expect(Set(Schema.all.map(\.name)).count == Schema.all.count)
        for entity in Schema.all {
            #expect(entity.type(of: Merger.deletedField) == .bool, "\(entity.name)")
            let names = entity.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(entity.name) lists a field twice")
            #expect(Schema.entity(entity.name) == entity)
        }
        #expect(Schema.entity("x-future-entity") == nil)
    }

    @Test func contactsCanBeMerged() {
        #expect(Schema.contact.type(of: Merger.mergedIntoField) == .ref("contact"))
        #expect(Schema.contact.type(of: "name") == .text)
        #expect(Schema.contact.type(of: "x-future-field") == nil)
        #expect(Schema.contact.fields.last?.name == Merger.deletedField)
    }

    @Test func fieldTypesAccept() {
        #expect(FieldType.text.accepts(.text("a")))
        #expect(!FieldType.text.accepts(.int(1)))
        #expect(FieldType.int.accepts(.int(1)))
        #expect(FieldType.bool.accepts(.bool(true)))
        #expect(FieldType.date.accepts(.date(CalendarDate(year: nil, month: 1, day: 1)!)))
        #expect(FieldType.ref("contact").accepts(.ref(Fixtures.record(1))))
        #expect(FieldType.refs("contact").accepts(.refs([])))
        #expect(!FieldType.refs("contact").accepts(.ref(Fixtures.record(1))))
        #expect(FieldType.texts.accepts(.texts(["a"])))
        #expect(!FieldType.texts.accepts(.text("a")))
        #expect(FieldType.choice(Schema.stages).accepts(.text("docket")))
        #expect(!FieldType.choice(Schema.stages).accepts(.text("Docket")))
        #expect(!FieldType.choice(Schema.stages).accepts(.int(1)))
        #expect(!FieldType.int.accepts(.unknown(tag: 0x41, bytes: [])))
        for type in [FieldType.text, .int, .bool, .date, .choice([]), .ref("x"), .texts, .refs("x")] {
            #expect(type.accepts(.null), "null clears any field")
        }
    }

    @Test func valueAccessors() {
        #expect(Value.text("a").text == "a")
        #expect(Value.int(3).int == 3)
        #expect(Value.bool(true).bool == true)
        #expect(Value.ref(Fixtures.record(1)).ref == Fixtures.record(1))
        #expect(Value.texts(["a"]).texts == ["a"])
        #expect(Value.refs([Fixtures.record(1)]).refs == [Fixtures.record(1)])
        #expect(Value.date(CalendarDate(year: 2024, month: 1, day: 2)!).date?.description == "2024-01-02")
        #expect(Value.int(3).text == nil)
        #expect(Value.null.isNull)
        #expect(!Value.text("").isNull)
        #expect(Value.null.description == "∅")
        #expect(Value.texts(["a", "b"]).description == "a, b")
        #expect(Value.unknown(tag: 0x41, bytes: [1, 2]).description == "<unknown kind 65, 2 bytes>")
    }
}

@Suite struct RecordOpsTests {
    let contact = Fixtures.record(1), hub = Fixtures.record(2)

    @Test func putSkipsNilFields() {
        let ops = RecordOps.put("contact", contact, [("name", .text("Ada")), ("role", nil), ("notes", .null)])
        #expect(ops == [Op(entity: "contact", record: contact, field: "name", value: .text("Ada")),
                        Op(entity: "contact", record: contact, field: "notes", value: .null)])
    }

    @Test func deleteRestoreMergeUnmerge() {
        #expect(RecordOps.delete("contact", contact) == [Op(entity: "contact", record: contact, field: "deleted", value: .bool(true))])
        #expect(RecordOps.restore("contact", contact) == [Op(entity: "contact", record: contact, field: "deleted", value: .bool(false))])
        #expect(RecordOps.merge("contact", from: contact, into: hub) == [Op(entity: "contact", record: contact, field: "mergedInto", value: .ref(hub))])
        #expect(RecordOps.unmerge("contact", contact) == [Op(entity: "contact", record: contact, field: "mergedInto", value: .null)])
    }

    @Test func tagUsesDerivedIDsAndTheNormalizedName() {
        let ops = RecordOps.tag(contact, "  Job Club ")
        #expect(ops == RecordOps.tag(contact, "job club"))
        let tag = Schema.tagID("job club")
        #expect(ops.first == Op(entity: "tag", record: tag, field: "name", value: .text("job club")))
        #expect(ops.contains(Op(entity: "tagging", record: Schema.taggingID(target: contact, tag: tag), field: "tag", value: .ref(tag))))
        #expect(RecordOps.untag(contact, "JOB CLUB") == RecordOps.delete("tagging", Schema.taggingID(target: contact, tag: tag)))
    }

    @Test func joinAndLeave() {
        let id = Schema.membershipID(contact: contact, hub: hub)
        let ops = RecordOps.join(contact: contact, hub: hub)
        #expect(ops.allSatisfy { $0.entity == "membership" && $0.record == id })
        #expect(ops.map(\.field) == ["contact", "hub", "deleted"])
        #expect(RecordOps.join(contact: contact, hub: hub, role: "host").map(\.field) == ["contact", "hub", "role", "deleted"])
        #expect(RecordOps.leave(contact: contact, hub: hub) == RecordOps.delete("membership", id))
    }

    /// DESIGN.md §3 "Records": the same thing created on two devices offline is one record.
    @Test func sameTagAddedOfflineOnTwoDevicesIsOneRecord() {
        var a = Replica(device: Fixtures.device(1)), b = Replica(device: Fixtures.device(2))
        let x = a.commit(RecordOps.tag(contact, "Mentors") + RecordOps.join(contact: contact, hub: hub), wallMilliseconds: 1_000)
        let y = b.commit(RecordOps.tag(contact, "mentors ") + RecordOps.join(contact: contact, hub: hub), wallMilliseconds: 2_000)
        a.receive([y]); b.receive([x])
        #expect(a.state == b.state)
        #expect(a.state.records.keys.filter { $0.entity == "tag" }.count == 1)
        #expect(a.state.records.keys.filter { $0.entity == "tagging" }.count == 1)
        #expect(a.state.records.keys.filter { $0.entity == "membership" }.count == 1)
        #expect(a.conflicts.isEmpty)
    }
}
