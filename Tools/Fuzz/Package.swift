// swift-tools-version:6.0
// libFuzzer targets for every decoder that reads the shared folder and for the importers, in their
// own package so the main package's build and CI never build them. Build and run with Tools/fuzz.sh.
import PackageDescription

// SwiftPM names a path dependency after its folder, so the main package's identity is the name of
// the folder that holds this repository.
let mainPackage = Context.packageDirectory
    .split(separator: "/").dropLast(2).last.map { String($0).lowercased() } ?? "touchbase"

/// One fuzz target: an executable whose `main.swift` exports `LLVMFuzzerTestOneInput` and the
/// `<module>_main` that SwiftPM links as `main`, which runs libFuzzer's driver (build with
/// `-sanitize=fuzzer -parse-as-library`; see FuzzSupport/FuzzDriver.swift).
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzSupport"], path: "Sources/fuzz-\(name)")
}

let package = Package(
    name: "TouchbaseFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", .product(name: "TouchbaseFormats", package: mainPackage)]),
        fuzzTarget("changes"),
        fuzzTarget("changes-encrypted"),
        fuzzTarget("ack"),
        fuzzTarget("device-card"),
        fuzzTarget("snapshot"),
        fuzzTarget("folder-key"),
        fuzzTarget("csv"),
        fuzzTarget("vcard"),
        fuzzTarget("folder-scan"),
        // Not a fuzz target: prints this implementation's verdict on exchange files (fuzz.sh --compare).
        .executableTarget(name: "exchange-verdicts", dependencies: ["FuzzSupport"]),
    ]
)
