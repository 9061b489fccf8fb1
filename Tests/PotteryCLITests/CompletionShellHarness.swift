import Foundation
import RedisTestSupport

/// A scratch directory holding the generated completion scripts, `pottery` on a private PATH, marker
/// paths that hostile key names try to create, and drivers that run each shell's completion for real.
final class CompletionShellHarness {
    let directory: String
    let bin: String
    let server: RedisServerProcess
    /// The prefix shared by the hostile keys (it holds `:` and `.`, as real key names do).
    let prefix: String
    /// Files that must never exist: the keys try to create them.
    let markers: [String]
    /// Key names a shell can offer, by the letter that follows `prefix`.
    let keys: [Character: String]

    init(server: RedisServerProcess = .shared) throws {
        self.server = server
        directory = NSTemporaryDirectory() + "pottery-completion-" + UUID().uuidString
        bin = directory + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: bin + "/pottery", withDestinationPath: PotteryBinary.path)
        for (shell, file) in [("bash", "pottery.bash"), ("zsh", "_pottery"), ("fish", "pottery.fish")] {
            let script = PotteryBinary.run(["__generate", shell], server: nil)
            try script.stdoutText.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8)
        }
        prefix = uniqueKey("compl") + "."
        let scratch = directory
        markers = ["a", "b", "c"].map { "\(scratch)/pwned-\($0)" }
        keys = [
            "a": prefix + "a$(touch \(markers[0]))",
            "b": prefix + "b`touch \(markers[1])`",
            "c": prefix + "c;touch \(markers[2]);rm -rf x",
            "d": prefix + "d with  spaces",
            "e": prefix + "e'single\"double",
            "f": prefix + "f*star?[x]",
            "g": prefix + "g\\back\ttab",
        ]
        for name in keys.values { try server.cli("SADD", name, "m") }
        // Names no shell can be offered: a newline, a byte that is not UTF-8.
        try server.cli("SADD", prefix + "h\nnewline", "m")
        try server.cli(
            "EVAL", "return redis.call('SADD', ARGV[1] .. 'i' .. string.char(255), 'm')", "0", prefix)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    var markersCreated: [String] { markers.filter { FileManager.default.fileExists(atPath: $0) } }

    static func shellPath(_ name: String) -> String? {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + name }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    var environment: [String: String] {
        [
            "PATH": "\(bin):/usr/bin:/bin", "HOME": directory, "POTTERY_URL": server.url, "TERM": "xterm",
            "INPUTRC": "/dev/null", "LANG": "C.UTF-8", "ZDOTDIR": directory,
            "XDG_CONFIG_HOME": directory + "/config", "XDG_DATA_HOME": directory + "/data",
        ]
    }

    func run(_ executable: String, _ arguments: [String], timeout: Double = 60) -> ProcessResult {
        runProcess(executable, arguments, environment: environment, timeout: timeout)
    }

    /// The arguments a shell reads from `text` (as when the completed line is run): `printf '%s\0'`.
    func words(_ text: String, shell: String) -> [String]? {
        let result = run(
            shell,
            shell == "fish"
                ? ["--no-config", "-c", "printf '%s\\0' " + text] : ["-c", "printf '%s\\0' " + text])
        guard result.status == 0 else { return nil }
        return result.stdout.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    // MARK: - A real interactive shell on a pseudo-terminal, driven by zsh's zpty

    /// Types `keys` into an interactive `shell` whose startup sourced the completion script, then Ctrl-X,
    /// bound to write the line being edited to a file; returns that line. Synchronised on output the
    /// shell prints (READY once started, DUMPED once the line is written), never on sleeps.
    func typeInteractively(_ shell: String, _ keys: String) throws -> String? {
        let line = directory + "/line-\(UUID().uuidString)"
        let command: [String]
        switch shell {
        case "bash":
            let rc = directory + "/bashrc"
            try """
            PS1='$ '
            source \(directory)/pottery.bash
            _dump() { printf '%s' "$READLINE_LINE" > "$POTTERY_LINE_FILE"; echo DUMPED; }
            bind -x '"\\C-x": _dump'
            echo READY

            """.write(toFile: rc, atomically: true, encoding: .utf8)
            command = [Self.shellPath("bash") ?? "bash", "--noprofile", "--rcfile", rc, "-i"]
        case "zsh":
            try """
            PS1='> '
            fpath=(\(directory) $fpath)
            autoload -Uz compinit && compinit -u -D
            dump() { print -rn -- "$BUFFER" > "$POTTERY_LINE_FILE"; zle -M DUMPED }
            zle -N dump
            bindkey '^X' dump
            print READY

            """.write(toFile: directory + "/.zshrc", atomically: true, encoding: .utf8)
            command = [Self.shellPath("zsh") ?? "zsh", "-i"]
        default:
            let rc = directory + "/init.fish"
            try """
            function fish_prompt; echo '> '; end
            source \(directory)/pottery.fish
            bind \\cx 'commandline > "$POTTERY_LINE_FILE"; echo DUMPED'
            echo READY

            """.write(toFile: rc, atomically: true, encoding: .utf8)
            command = [Self.shellPath("fish") ?? "fish", "--no-config", "-i", "-C", "source " + rc]
        }
        let driver = directory + "/drive.zsh"
        try """
        zmodload zsh/zpty || exit 3
        keys=$1; shift
        zpty -b shell ${(q)@}
        zpty -r shell out '*READY*' || exit 4
        zpty -w -n shell "$keys"$'\\x18'
        zpty -r shell out '*DUMPED*' || exit 5
        zpty -d shell

        """.write(toFile: driver, atomically: true, encoding: .utf8)
        var environment = environment
        environment["POTTERY_LINE_FILE"] = line
        let result = runProcess(
            Self.shellPath("zsh") ?? "zsh", ["-f", driver, keys] + command, environment: environment,
            timeout: 60)
        guard result.status == 0 else { return nil }
        let text = try String(contentsOfFile: line, encoding: .utf8)
        return shell == "fish" && text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
