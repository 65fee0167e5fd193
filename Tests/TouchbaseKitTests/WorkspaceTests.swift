import Foundation
import Testing
@testable import TouchbaseKit

@Suite struct WorkspaceTests {
    @Test func localDateFollowsTheTimeZone() throws {
        // 2026-03-02T23:30:00Z is still the 2nd in UTC and already the 3rd in Tokyo.
        let instant: UInt64 = 1_772_494_200_000
        #expect(Workspace.localDate(milliseconds: instant, timeZone: TimeZone(identifier: "UTC")!).description == "2026-03-02")
        #expect(Workspace.localDate(milliseconds: instant, timeZone: TimeZone(identifier: "Asia/Tokyo")!).description == "2026-03-03")
    }

    @Test func errorDescriptionsNameTheCodeAndField() {
        #expect(WorkspaceError(.outOfRange, field: "minutes", detail: "0...1440").description == "outOfRange (minutes): 0...1440")
    }
}
