// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Touchbase",
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        .library(name: "TouchbaseKit", targets: ["TouchbaseKit", "TouchbaseCore", "TouchbaseStore", "TouchbaseExchange", "TouchbaseSync", "TouchbaseInterop"]),
        .library(name: "TouchbaseCLI", targets: ["TouchbaseCLI"]),
        // The folder's formats and the importers without the database (Tools/Fuzz builds only these).
        .library(name: "TouchbaseFormats", targets: ["TouchbaseCore", "TouchbaseExchange", "TouchbaseInterop"]),
        .executable(name: "touchbase", targets: ["touchbase"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Pure Swift: models, ids, hybrid logical clock, version vectors, Change/Op, merge rules. No I/O.
        .target(name: "TouchbaseCore"),
        // SQLite through GRDB: materialized tables and the change log.
        .target(name: "TouchbaseStore", dependencies: [
            "TouchbaseCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // zlib, called directly.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Wire format and the shared-folder transport.
        .target(name: "TouchbaseExchange", dependencies: [
            "TouchbaseCore", "CZlib",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Store + Exchange: sync, snapshots, acknowledgements.
        .target(name: "TouchbaseSync", dependencies: ["TouchbaseStore", "TouchbaseExchange"]),
        // Import and export formats: LinkedIn CSV, Google/Outlook CSV, vCard. Pure parsing.
        .target(name: "TouchbaseInterop", dependencies: ["TouchbaseCore"]),
        // The client kit: the one facade a client (the terminal, a phone app) talks to. Every rule of
        // the method lives here; clients only parse input and render results.
        .target(name: "TouchbaseKit", dependencies: ["TouchbaseCore", "TouchbaseStore", "TouchbaseExchange", "TouchbaseSync", "TouchbaseInterop"]),
        // The terminal client's commands, as a library so tests drive them in-process.
        .target(name: "TouchbaseCLI", dependencies: [
            "TouchbaseKit", "TouchbaseCore", "TouchbaseStore", "TouchbaseSync", "TouchbaseInterop",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "touchbase", dependencies: ["TouchbaseCLI"]),
        // A phone app's day on two devices through the kit's public API only (Tests/TouchbaseKitTests runs it).
        .executableTarget(name: "touchbase-example", dependencies: ["TouchbaseKit"], path: "Examples/PhoneDay"),
        // Deterministic clocks, ids and randomness; an in-memory replica simulator.
        .target(name: "TouchbaseTestSupport", dependencies: ["TouchbaseCore"]),

        .testTarget(name: "TouchbaseCoreTests", dependencies: ["TouchbaseCore", "TouchbaseTestSupport"]),
        .testTarget(name: "TouchbaseStoreTests", dependencies: ["TouchbaseStore", "TouchbaseTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TouchbaseExchangeTests", dependencies: ["TouchbaseExchange", "TouchbaseTestSupport"]),
        .testTarget(name: "TouchbaseSyncTests", dependencies: ["TouchbaseSync", "TouchbaseTestSupport"]),
        .testTarget(name: "TouchbaseInteropTests", dependencies: ["TouchbaseInterop", "TouchbaseTestSupport"]),
        .testTarget(name: "TouchbaseKitTests", dependencies: ["TouchbaseKit", "TouchbaseTestSupport"]),
        .testTarget(name: "TouchbaseCLITests", dependencies: ["TouchbaseCLI", "TouchbaseTestSupport"]),
    ]
)
