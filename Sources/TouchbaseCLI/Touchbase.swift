import ArgumentParser

/// The `touchbase` command: a personal networking CRM in the terminal.
public struct Touchbase: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "touchbase",
        abstract: "Network your way into your next job: contacts, hubs, touches, debriefs, and sync without a server.",
        discussion: """
            Data lives in $TOUCHBASE_HOME, else $XDG_DATA_HOME/touchbase, else ~/.local/share/touchbase \
            (override with --home). Run `touchbase init` once per device.
            """,
        version: TouchbaseVersion.string,
        subcommands: recordCommands + workflowCommands + syncCommands + opportunityCommands,
        defaultSubcommand: defaultCommand)

    public init() {}
}

/// The version of this build.
public enum TouchbaseVersion {
    public static let string = "0.1.0"
}
