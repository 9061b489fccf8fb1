// swift-tools-version:6.0
import PackageDescription

// Every target: explicit existentials, imports internal unless declared otherwise, and members
// visible only from modules the file itself imports.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "pottery",
    products: [
        .library(name: "PotteryCore", targets: ["PotteryCore"]),
        .executable(name: "pottery", targets: ["pottery"]),
    ],
    dependencies: [
        // `swift package generate-documentation --target PotteryCore` (a command plugin: it adds no code
        // to any target, and nothing to the binary).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0")
    ],
    targets: [
        // TLS over OpenSSL, loaded with dlopen on first use (no cost to a process that never uses it).
        .target(name: "CPotteryTLS", linkerSettings: [.linkedLibrary("dl")]),
        // The clock, deadlines, interruptible sleeps, multi-descriptor polls, random back-offs and
        // a byte search every layer shares (package access).
        .target(name: "PotterySystem", swiftSettings: strict),
        // RESP protocol and connections on POSIX sockets; knows nothing of pottery.
        .target(name: "RedisClient", dependencies: ["CPotteryTLS", "PotterySystem"], swiftSettings: strict),
        // JSON exactly as Python's json module reads and writes it.
        .target(name: "PotteryJSON", swiftSettings: strict),
        // pottery's structures over the client, in pottery's storage format.
        .target(
            name: "PotteryCore", dependencies: ["RedisClient", "PotteryJSON", "PotterySystem"],
            swiftSettings: strict),
        // GNU readline, for the REPL.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // Command table, argv parser, renderers, handlers: everything of the CLI but main.
        // GNU readline for the REPL, loaded with dlopen when a REPL starts (no cost to other commands).
        .target(
            name: "CPotteryReadline", dependencies: ["CReadline"], linkerSettings: [.linkedLibrary("dl")]),
        // fork and exec of `lock run`'s and `cache run`'s child (a death signal, a guardian for its group).
        .target(name: "CPotterySpawn"),
        // Child processes (`lock run`, `cache run`), signals and exit statuses: spawn, wait, forward
        // job control, hand over the terminal.
        .target(
            name: "PotteryProcess", dependencies: ["CPotterySpawn", "PotterySystem"], swiftSettings: strict),
        .target(
            name: "PotteryCLI",
            dependencies: ["PotteryCore", "PotterySystem", "PotteryProcess", "CPotteryReadline"],
            swiftSettings: strict),
        // The Swift runtime linked in statically, so a plain `swift build -c release` gives the binary
        // that starts in about 2 ms (the dynamic runtime costs several ms of loading and relocation).
        // Linked by the toolchain's lld with no symbol exported (nothing looks ours up; exporting
        // them made every start-up walk ~4,000 of them) and relative relocations packed (DT_RELR,
        // glibc 2.36): `dict get` went from 4.05 M to 3.81 M instructions (callgrind).
        .executableTarget(
            name: "pottery", dependencies: ["PotteryCLI"], swiftSettings: strict,
            linkerSettings: [
                .unsafeFlags([
                    "-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker", "-z",
                    "-Xlinker",
                    "pack-relative-relocs",
                ])
            ]),

        // Starts and stops real redis-server processes for the tests.
        .target(
            name: "RedisTestSupport", dependencies: ["RedisClient"], path: "Tests/RedisTestSupport",
            swiftSettings: strict),
        // Parser, encoder, URLs and cluster routing state: no server, runs in a second.
        .testTarget(
            name: "RedisClientUnitTests", dependencies: ["RedisClient", "PotterySystem", "RedisTestSupport"],
            swiftSettings: strict),
        // Connections against real redis-servers and clusters the tests start.
        .testTarget(
            name: "RedisClientTests", dependencies: ["RedisClient", "PotterySystem", "RedisTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "PotteryJSONTests", dependencies: ["PotteryJSON"], swiftSettings: strict),
        .testTarget(
            name: "PotteryCoreTests", dependencies: ["PotteryCore", "RedisTestSupport"], swiftSettings: strict
        ),
        .testTarget(
            name: "PotteryCLITests",
            dependencies: [
                "PotteryCLI", "PotteryCore", "PotteryProcess", "PotterySystem", "RedisClient",
                "RedisTestSupport",
            ],
            swiftSettings: strict),
    ]
)
