import Foundation

/// Runs scripts/json_oracle.py (Python 3's json module) over many inputs at once.
enum PythonOracle {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/json_oracle.py")

    static let isAvailable: Bool = {
        FileManager.default.fileExists(atPath: script.path) && run(["-c", "pass"], input: "") != nil
    }()

    /// One output line per input: `mode` applied by the script to each hex-encoded input.
    static func map(_ mode: String, _ inputs: [[UInt8]]) throws -> [Substring] {
        let input = inputs.map(hex).joined(separator: "\n") + "\n"
        guard let output = run([script.path, mode], input: input) else { throw OracleError.failed(mode) }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.count == inputs.count else { throw OracleError.failed(mode) }
        return Array(lines)
    }

    /// `count` random values from Python's own generator: (a spelling, its canonical text).
    static func generate(count: Int, seed: Int) throws -> [(text: [UInt8], canonical: Substring)] {
        guard let output = run([script.path, "gen", String(count), String(seed)], input: "") else {
            throw OracleError.failed("gen")
        }
        return output.split(separator: "\n").map { line in
            let space = line.firstIndex(of: " ")!
            return (unhex(line[..<space]), line[line.index(after: space)...])
        }
    }

    enum OracleError: Error { case failed(String) }

    /// Runs python3 with `arguments`, feeding `input` through a file; nil on failure.
    private static func run(_ arguments: [String], input: String) -> String? {
        let directory = FileManager.default.temporaryDirectory
        let name = "pottery-json-oracle-\(getpid())-\(UUID().uuidString)"
        let inURL = directory.appendingPathComponent(name + ".in")
        let outURL = directory.appendingPathComponent(name + ".out")
        defer {
            try? FileManager.default.removeItem(at: inURL)
            try? FileManager.default.removeItem(at: outURL)
        }
        do {
            try Data(input.utf8).write(to: inURL)
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3"] + arguments
            process.standardInput = try FileHandle(forReadingFrom: inURL)
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            return String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        } catch {
            return nil
        }
    }
}
