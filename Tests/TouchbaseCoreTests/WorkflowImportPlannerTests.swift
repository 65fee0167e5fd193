import Testing
import TouchbaseCore
import TouchbaseTestSupport

/// Import matching and field-level updates, without a database.
@Suite struct WorkflowImportPlannerTests {
    final class IDs {
        var n: UInt64 = 1000
        func next() -> RecordID { n += 1; return Fixtures.record(n) }
    }

    func apply(_ plan: ImportPlan, to snapshot: inout ImportSnapshot) {
        for op in plan.ops where op.entity == "contact" {
            snapshot.contacts[op.record, default: .init(id: op.record, values: [:])].values[op.field] = op.value
        }
        for op in plan.ops where op.entity == "tagging" && op.field == "tag" {
            let target = plan.ops.first { $0.record == op.record && $0.field == "target" }!.value.ref!
            snapshot.contacts[target]?.tags.insert(op.value.ref!)
            snapshot.tags.insert(op.value.ref!)
        }
        for op in plan.ops where op.entity == "hub" && op.field == "name" { snapshot.hubsByName[op.value.text!.lowercased()] = op.record }
        for op in plan.ops where op.entity == "membership" && op.field == "hub" {
            let c = plan.ops.first { $0.record == op.record && $0.field == "contact" }!.value.ref!
            snapshot.contacts[c]?.hubs.insert(op.value.ref!)
        }
    }

    @Test func reimportWritesNothing() {
        let people = [
            ImportPerson(line: 2, name: "Ada Lovelace", organization: "Analytical", emails: ["ada@example.com"],
                         linkedin: "https://www.linkedin.com/in/ada", tags: ["Math"], hubs: ["Job Club"]),
            ImportPerson(line: 3, name: "Grace Hopper", emails: ["grace@navy.mil"], stage: "wishlist", voter: "Swing"),
        ]
        let ids = IDs()
        var snapshot = ImportSnapshot()
        let first = ImportPlanner.plan(people, snapshot: snapshot, defaultSource: "LinkedIn", newID: ids.next)
        #expect(first.created == 2 && first.updated == 0 && first.unchanged == 0 && first.hubsCreated == 1)
        #expect(first.ops.contains(Op(entity: "contact", record: Schema.linkedinContactID("https://www.linkedin.com/in/ada"), field: "source", value: .text("LinkedIn"))))
        #expect(first.ops.contains { $0.field == "stage" && $0.value == .text("want") })
        #expect(first.ops.contains { $0.field == "voter" && $0.value == .text("swing") })
        apply(first, to: &snapshot)
        let second = ImportPlanner.plan(people, snapshot: snapshot, defaultSource: "LinkedIn", newID: ids.next)
        #expect(second.ops.isEmpty)
        #expect(second.created == 0 && second.updated == 0 && second.unchanged == 2)
    }

    @Test func matchesByEmailAndOnlyChangedFieldsAreWritten() {
        let known = Fixtures.record(1)
        var snapshot = ImportSnapshot(contacts: [known: .init(id: known, values: ["name": .text("Ada"), "emails": .texts(["ada@example.com"]),
                                                                                   "notes": .text("met at PyCon")])])
        let plan = ImportPlanner.plan([ImportPerson(line: 5, name: "Ada", organization: "Babbage & Co", emails: ["ADA@example.com", "a@l.org"])],
                                      snapshot: snapshot, newID: IDs().next)
        #expect(plan.updated == 1 && plan.created == 0)
        #expect(Set(plan.ops.map(\.field)) == ["organization", "emails"])
        #expect(plan.ops.contains(Op(entity: "contact", record: known, field: "emails", value: .texts(["ada@example.com", "a@l.org"]))))
        apply(plan, to: &snapshot)
        #expect(snapshot.contacts[known]?.values["notes"] == .text("met at PyCon"))  // absent from the file: kept
    }

    @Test func deletedMatchesAreSkippedAndMergesFollowed() {
        let gone = Fixtures.record(1), dup = Fixtures.record(2), survivor = Fixtures.record(3)
        let snapshot = ImportSnapshot(contacts: [
            gone: .init(id: gone, deleted: true, values: ["name": .text("Gone"), "emails": .texts(["gone@x.org"])]),
            dup: .init(id: dup, survivor: survivor, values: ["name": .text("Dup"), "uid": .text("abc")]),
            survivor: .init(id: survivor, values: ["name": .text("Survivor")]),
        ])
        let plan = ImportPlanner.plan([ImportPerson(line: 2, name: "Gone", emails: ["gone@x.org"]),
                                       ImportPerson(line: 3, name: "Survivor", uid: "abc")], snapshot: snapshot, newID: IDs().next)
        #expect(plan.skipped.map(\.line) == [2])
        #expect(plan.skipped[0].reason.contains("deleted"))
        #expect(plan.ops.allSatisfy { $0.record == survivor })
        #expect(plan.ops.map(\.field) == ["uid"])
    }

    @Test func rowsOfOneFileMatchEachOther() {
        let people = [ImportPerson(line: 2, name: "Ada", emails: ["ada@example.com"]),
                      ImportPerson(line: 3, name: "Ada", emails: ["ada@example.com"], phones: ["+44 1"])]
        let plan = ImportPlanner.plan(people, snapshot: ImportSnapshot(), newID: IDs().next)
        #expect(plan.created == 1)
        #expect(plan.warnings.map(\.line) == [3])
        #expect(Set(plan.ops.map(\.record)).count == 1)
    }

    @Test func touchbaseIdsKeepTheirIdentityAndBadValuesWarn() {
        let id = Fixtures.record(77)
        let plan = ImportPlanner.plan([ImportPerson(line: 2, id: id, name: "Kept", stage: "someday", voter: "maybe")],
                                      snapshot: ImportSnapshot(), newID: IDs().next)
        #expect(plan.created == 1)
        #expect(plan.ops.allSatisfy { $0.record == id })
        #expect(plan.warnings.count == 2)
    }
}
