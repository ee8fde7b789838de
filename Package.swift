// swift-tools-version:6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode is the tools default;
/// these add the habits the team agreed on (see ../shared/STYLE.md).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "mlib",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mlib", targets: ["mlib"]),
        .executable(name: "mlib-bench", targets: ["MLibBench"]),
        .library(name: "MLibCLI", targets: ["MLibCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C shims: a modulemap and a header each, nothing else.
        // FFmpeg is loaded when first used (see its shim.h), so nothing is linked here.
        .systemLibrary(
            name: "CFFmpeg",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswscale-dev"])]
        ),
        .systemLibrary(name: "CLibExif", pkgConfig: "libexif", providers: [.apt(["libexif-dev"])]),
        .systemLibrary(name: "CLibMagic", pkgConfig: "libmagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // OpenBLAS is loaded when first used (see its shim.h), so nothing is linked here.
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        // Tesseract is loaded when first used (see its shim.h), so nothing is linked here;
        // the header comes from libtesseract-dev, the language data from tesseract-ocr-*.
        .systemLibrary(name: "CTesseract", providers: [.apt(["libtesseract-dev", "tesseract-ocr-eng"])]),

        .target(
            name: "MLibCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "MLibStore",
            dependencies: ["MLibCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings,
            plugins: ["SchemaEmbedderPlugin"]
        ),
        .target(
            name: "MLibMedia",
            dependencies: ["MLibCore", "CFFmpeg", "CLibExif", "CLibMagic", "CZlib", "CTesseract"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MLibInference",
            dependencies: ["MLibCore", "COpenBLAS", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MLibIngest",
            dependencies: [
                "MLibCore", "MLibStore", "MLibMedia",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MLibWatch",
            dependencies: [
                "MLibCore", "MLibStore", "MLibMedia", "MLibIngest",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MLibSearch",
            dependencies: ["MLibCore", "MLibStore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MLibExport",
            dependencies: ["MLibCore"],
            swiftSettings: strictSettings
        ),
        // A client for served rerankers (`/v1/rerank`); URLSession needs libcurl on Linux.
        .target(
            name: "MLibRemote",
            dependencies: ["MLibCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MLibEngine",
            dependencies: [
                "MLibCore", "MLibStore", "MLibIngest", "MLibSearch", "MLibExport", "MLibMedia", "MLibInference", "MLibWatch",
                "MLibRemote",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MLibCLI",
            dependencies: [
                "MLibCore", "MLibStore", "MLibIngest", "MLibSearch", "MLibExport", "MLibMedia", "MLibInference", "MLibWatch",
                "MLibEngine", "MLibRemote",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "mlib",
            dependencies: ["MLibCLI"],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "MLibBench",
            dependencies: [
                "MLibCore", "MLibStore", "MLibInference", "MLibMedia", "MLibSearch",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),

        // Build-time: turns Schema/*.sql into Swift so the binary carries its migrations.
        .executableTarget(name: "SchemaEmbedder", swiftSettings: strictSettings),
        .plugin(
            name: "SchemaEmbedderPlugin",
            capability: .buildTool(),
            dependencies: ["SchemaEmbedder"]
        ),

        .target(
            name: "MLibTestSupport",
            dependencies: ["MLibCore", "MLibStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/MLibTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "MLibCoreTests", dependencies: ["MLibCore", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibStoreTests", dependencies: ["MLibStore", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibMediaTests", dependencies: ["MLibMedia", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibInferenceTests", dependencies: ["MLibInference", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibWatchTests", dependencies: ["MLibWatch", "MLibIngest", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibIngestTests", dependencies: ["MLibIngest", "MLibInference", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibSearchTests", dependencies: ["MLibSearch", "MLibIngest", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibExportTests", dependencies: ["MLibExport", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibRemoteTests", dependencies: ["MLibRemote", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "MLibEngineTests", dependencies: ["MLibEngine", "MLibIngest", "MLibMedia", "MLibRemote", "MLibTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "MLibCLITests", dependencies: ["MLibCLI", "MLibExport", "MLibTestSupport"], swiftSettings: strictSettings),
    ]
)
