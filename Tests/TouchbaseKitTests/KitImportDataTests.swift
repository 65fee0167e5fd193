import Foundation
import Testing
import TouchbaseInterop
@testable import TouchbaseKit

/// Importing a file's contents the client holds: the format is told by the contents.
@Suite struct KitImportDataTests {
    @Test func aVCardsContentsImportsItsPeople() throws {
        let world = try KitWorld()
        let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@example.org\r\nEND:VCARD\r\n"
        let outcome = try world.workspace.importContacts(data: Data(vcf.utf8), fileName: "a.vcf")
        #expect(outcome.created == 1)
        #expect(try world.workspace.contacts().map(\.name) == ["Grace Hopper"])
        // The same contents again change nothing.
        let again = try world.workspace.importContacts(data: Data(vcf.utf8))
        #expect(again.created == 0 && again.unchanged == 1)
    }

    @Test func aCSVsContentsAreRecognisedByTheirHeader() throws {
        let world = try KitWorld()
        let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAlan,Turing,https://www.linkedin.com/in/alan-turing,alan@example.org,NPL,Researcher,01 Mar 2026\n"
        let outcome = try world.workspace.importContacts(data: Data(csv.utf8), fileName: "Connections.csv")
        #expect(outcome.created == 1)
        let alan = try #require(try world.workspace.contacts().first)
        #expect(alan.name == "Alan Turing")
        #expect(alan.source == "LinkedIn")
    }

    @Test func aDryRunWritesNothing() throws {
        let world = try KitWorld()
        let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n"
        let outcome = try world.workspace.importContacts(data: Data(vcf.utf8), dryRun: true)
        #expect(outcome.created == 1)
        #expect(try world.workspace.contacts().isEmpty)
    }

    @Test func contentsInNoKnownFormatAreRefusedAndNothingIsWritten() throws {
        let world = try KitWorld()
        #expect(throws: InteropError.self) { try world.workspace.importContacts(data: Data("just,some\n1,2\n".utf8)) }
        #expect(throws: InteropError.self) { try world.workspace.importContacts(data: Data()) }
        #expect(try world.workspace.contacts().isEmpty)
    }
}
