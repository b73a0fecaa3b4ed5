// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "recscan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "recscan", targets: ["recscan"]),
        .library(name: "RecscanCore", targets: ["RecscanCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "RecscanCore",
            dependencies: ["CLibXML2"],
            resources: [
                .embedInCode("Resources/catalog.xml"),
                .embedInCode("Resources/Schemas/catalog.xsd"),
                .embedInCode("Resources/Schemas/fleet.xsd"),
                .embedInCode("Resources/Schemas/inventory.xsd"),
                .embedInCode("Resources/Schemas/events.xsd"),
                .embedInCode("Resources/Schemas/exclusions.xsd"),
                .embedInCode("Resources/Schemas/report.xsd"),
                .embedInCode("Resources/Schemas/report.schema.json"),
            ],
            swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .executableTarget(
            name: "recscan",
            dependencies: [
                "RecscanCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing: the harness is a library so the tests can replay kept crash inputs; the
        // executable is a libFuzzer target when fuzz/run.sh builds it, a replay tool otherwise.
        .target(name: "RecscanFuzzKit", dependencies: ["RecscanCore"]),
        .executableTarget(name: "recscan-fuzz", dependencies: ["RecscanFuzzKit"]),
        .executableTarget(
            name: "recscan-bench",
            dependencies: ["RecscanCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "RecscanCoreTests",
            dependencies: ["RecscanCore", "RecscanFuzzKit"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "recscanTests",
            dependencies: ["recscan", "recscan-bench", "RecscanFuzzKit"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
