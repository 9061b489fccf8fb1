// swift-tools-version:6.0
import PackageDescription

// A package that uses pottery as any other package would: by version, through the PotteryCore
// product alone. scripts/test-consumer points the URL at a tagged clone of the current commit
// (`swift package config set-mirror`) and runs it against a redis-server it starts.
let package = Package(
    name: "PotteryConsumer",
    dependencies: [
        .package(url: "https://github.com/OWNER/pottery", from: "0.0.0-consumer.1")
    ],
    targets: [
        .executableTarget(
            name: "PotteryConsumer", dependencies: [.product(name: "PotteryCore", package: "pottery")])
    ]
)
