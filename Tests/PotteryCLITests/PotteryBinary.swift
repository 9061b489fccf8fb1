import Foundation
import RedisTestSupport

/// Runs the built `pottery` executable, the way users and scripts do.
enum PotteryBinary {
    /// Beside the test bundle in `.build/<config>/`, or `POTTERY_BIN`.
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["POTTERY_BIN"] { return explicit }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pottery").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/pottery").path
    }()

    /// Runs pottery against `server` (unless `url` is given) with a clean environment.
    @discardableResult
    static func run(
        _ arguments: [String], server: RedisServerProcess? = .shared, url: String? = nil,
        stdin: String? = nil,
        environment: [String: String] = [:], timeout: Double = 30, measuresPeakMemory: Bool = false
    ) -> ProcessResult {
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        if let server { env["POTTERY_URL"] = server.url }
        if let url { env["POTTERY_URL"] = url }
        env.merge(environment) { _, new in new }
        return runProcess(
            path, arguments, stdin: stdin.map { Array($0.utf8) }, environment: env, timeout: timeout,
            measuresPeakMemory: measuresPeakMemory)
    }

    static func run(_ arguments: String..., stdin: String? = nil) -> ProcessResult {
        run(arguments, stdin: stdin)
    }

    /// Runs pottery with its standard output on a pseudo-terminal (util-linux `script`), as a person
    /// at a terminal sees it: the pty turns each newline into CR LF.
    static func runOnTerminal(_ arguments: [String], server: RedisServerProcess = .shared) -> ProcessResult {
        let quoted = ([path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let env = [
            "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "POTTERY_URL": server.url,
            "SHELL": "/bin/sh",
            "TERM": "dumb",
        ]
        return runProcess(
            "/usr/bin/script", ["-qec", "exec " + quoted.joined(separator: " "), "/dev/null"],
            environment: env)
    }
}

extension ProcessResult {
    /// Standard output split into lines.
    var lines: [String] {
        stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
