// swift-tools-version:6.0
// Benchmarks for Touchbase, in their own package so the main package's build and tests never pay for them.
// Run: swift run -c release --package-path Tools/Benchmarks touchbase-bench [--quick] [--json]
import PackageDescription

// SwiftPM names a path dependency after its folder, so the main package's identity is the name of
// the folder that holds this repository (`main` here, something else in another clone).
let mainPackage = Context.packageDirectory
    .split(separator: "/").dropLast(2).last.map { String($0).lowercased() } ?? "touchbase"

let package = Package(
    name: "TouchbaseBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "touchbase-bench",
            dependencies: [
                .product(name: "TouchbaseKit", package: mainPackage),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
