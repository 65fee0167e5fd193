import Foundation
import Testing
import TouchbaseStore
import TouchbaseTestSupport
@testable import TouchbaseKit

/// The typed views over the dynamic records keep what a newer version wrote.
@Suite struct InteractionViewTests {
    @Test func interactionKindKeepsAnUnknownRawValue() {
        for kind in InteractionKind.known { #expect(InteractionKind(rawValue: kind.rawValue) == kind) }
        let future = InteractionKind(rawValue: "video-call")
        #expect(future == .unknown("video-call"))
        #expect(future.rawValue == "video-call")
        #expect(!future.isOutreach && !future.isMeetingKind)
        #expect(InteractionKind.newTouch.isOutreach && InteractionKind.followUp.isOutreach)
        #expect(InteractionKind.meetingKinds == [.meeting, .informational, .event])
        #expect(Set(InteractionKind.known.map(\.rawValue)) == Set(Schema.interactionKinds))
    }

    @Test func interactionRoundTripKeepsUnknownFieldsAndKinds() {
        let values: [String: Value] = [
            "contact": .ref(Fixtures.record(1)), "date": .date(CalendarDate("2026-03-02")!), "kind": .text("video-call"),
            "status": .text("done"), "others": .refs([Fixtures.record(2)]), "minutes": .int(20), "forced": .bool(true),
            "mood": .text("great"),  // a field this version does not know
            "time": .int(930),  // a known field holding another type (a newer version's)
            "rating": .unknown(tag: 42, bytes: [1, 2, 3]),
        ]
        let view = Interaction(Record(entity: "interaction", id: Fixtures.record(9), values: values))
        #expect(view.kind == .unknown("video-call"))
        #expect(view.others == [Fixtures.record(2)] && view.minutes == 20 && view.forced)
        #expect(view.time == nil)
        #expect(view.otherFields["mood"] == .text("great"))
        #expect(view.fields == values)
    }

    @Test func reasonRoundTripKeepsUnknownFields() {
        let values: [String: Value] = ["text": .text("I wrote a post"), "url": .text("https://example.com"), "topic": .text("swift")]
        let view = Reason(Record(entity: "reason", id: Fixtures.record(3), values: values))
        #expect(view.text == "I wrote a post" && view.url == "https://example.com")
        #expect(view.fields == values)
        let bare = Reason(Record(entity: "reason", id: Fixtures.record(4), values: [:]))
        #expect(bare.text.isEmpty && bare.fields.isEmpty)
        #expect(bare.displayText == String(Fixtures.record(4).hex.prefix(8)))
    }
}
