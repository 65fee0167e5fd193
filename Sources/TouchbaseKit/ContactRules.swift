import TouchbaseCore

/// Checks shared by new contacts and edits.
enum ContactRules {
    /// A stage as stored; an unrecognized one cannot be written by this version.
    static func value(_ stage: Stage) throws -> Value {
        guard Stage.known.contains(stage) else {
            throw WorkspaceError(.malformed, field: "stage", detail: Schema.stages.joined(separator: ", "))
        }
        return .text(stage.rawValue)
    }

    /// A voter as stored; an unrecognized one cannot be written by this version.
    static func value(_ voter: Voter) throws -> Value {
        guard Voter.known.contains(voter) else {
            throw WorkspaceError(.malformed, field: "voter", detail: Schema.voters.joined(separator: ", "))
        }
        return .text(voter.rawValue)
    }

    /// A cadence in days: 0 or more.
    static func cadence(_ days: Int) throws -> Value {
        guard days >= 0 else { throw WorkspaceError(.outOfRange, field: "cadence", detail: "0 or more days") }
        return .int(Int64(days))
    }
}
