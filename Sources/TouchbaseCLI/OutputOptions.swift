import ArgumentParser

/// `--json` for listings and reports.
public struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (stable keys, for scripts) instead of text.")
    public var json = false

    public init() {}
}
