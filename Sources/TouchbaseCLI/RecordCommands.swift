import ArgumentParser

extension Touchbase {
    /// Commands that create and edit records: init, contact, hub, tag, history.
    static let recordCommands: [ParsableCommand.Type] = [Init.self, Contact.self, Hub.self, Tag.self, History.self]
}
