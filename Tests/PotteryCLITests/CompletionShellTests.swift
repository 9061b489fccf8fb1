import Foundation
import RedisTestSupport
import Testing

/// The generated scripts in the real shells, over keys named with shell metacharacters: the expected
/// names are offered, inserted quoted so that running the line passes the name literally, and no marker
/// file is ever created. A shell that is not installed (`scripts/setup` installs them) is skipped.
@Suite(.serialized) struct CompletionShellTests {
    static func available(_ shell: String) -> Bool { CompletionShellHarness.shellPath(shell) != nil }

    /// `COMP_WORDS` as bash splits a line: blanks, and `:` (a COMP_WORDBREAKS character) as a word.
    static func bashWords(_ line: String) -> [String] {
        var words: [String] = []
        for blankSeparated in line.split(separator: " ", omittingEmptySubsequences: false) {
            var current = ""
            for character in blankSeparated {
                if character == ":" {
                    if !current.isEmpty { words.append(current) }
                    words.append(":")
                    current = ""
                } else {
                    current.append(character)
                }
            }
            if !current.isEmpty || words.last == ":" || blankSeparated.isEmpty { words.append(current) }
        }
        return words
    }

    /// Calls `_pottery` the way bash does for `line`, cursor at the end; returns COMPREPLY.
    func bashReplies(_ harness: CompletionShellHarness, _ line: String) -> [String] {
        let script = """
            source "$1"; shift
            COMP_LINE=$1; shift
            COMP_POINT=${#COMP_LINE}
            COMP_WORDS=("$@")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            _pottery
            printf '%s\\0' "${COMPREPLY[@]}"
            """
        let result = harness.run(
            "bash", ["-c", script, "bash", harness.directory + "/pottery.bash", line] + Self.bashWords(line))
        #expect(result.status == 0, "\(result.stderrText)")
        return result.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(.enabled(if: available("bash"), "bash is not installed"))
    func bashOffersQuotedRepliesThatRunAsTheLiteralName() throws {
        let harness = try CompletionShellHarness()
        let line = "pottery ttl " + harness.prefix
        #expect(Self.bashWords("pottery ttl a:b.c") == ["pottery", "ttl", "a", ":", "b.c"])
        let replies = bashReplies(harness, line)
        // COMP_WORDBREAKS split the name at its last ':'; replies stand for the text after it.
        let beforeBreak = String(harness.prefix[...harness.prefix.lastIndex(of: ":")!])
        var offered: [String] = []
        for reply in replies {
            #expect(!reply.contains("\n"))
            let typed = beforeBreak + reply
            let words = try #require(harness.words(typed, shell: "bash"), "\(typed)")
            #expect(words.count == 1, "\(typed) is \(words.count) words")
            offered += words
        }
        #expect(Set(offered) == Set(harness.keys.values))
        #expect(replies.contains { $0.contains("\\$\\(touch\\ ") })
        #expect(harness.markersCreated.isEmpty)
        // The verb and option positions answer from the table; a value position offers nothing.
        #expect(bashReplies(harness, "pottery set memb") == ["members"])
        #expect(bashReplies(harness, "pottery set add k --ra") == ["--raw"])
        #expect(bashReplies(harness, "pottery set add k " + harness.prefix).isEmpty)
    }

    @Test(.enabled(if: available("fish"), "fish is not installed (scripts/setup installs it)"))
    func fishOffersTheNamesUnexpanded() throws {
        let harness = try CompletionShellHarness()
        let result = harness.run(
            "fish",
            [
                "--no-config", "-c", "source $argv[1]; complete -C $argv[2]",
                harness.directory + "/pottery.fish", "pottery ttl " + harness.prefix,
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        // fish cannot show a name holding a tab (its TEXT<TAB>DESCRIPTION format).
        #expect(Set(result.lines) == Set(harness.keys.values.filter { !$0.contains("\t") }))
        #expect(harness.markersCreated.isEmpty)
    }

    /// Types `pottery ttl <prefix><letter><TAB>` in the interactive shell and runs what was inserted.
    func insertsEachNameQuoted(_ shell: String) throws {
        let harness = try CompletionShellHarness()
        let command = "pottery ttl "
        for (letter, key) in harness.keys.sorted(by: { $0.key < $1.key }) {
            let typed = command + harness.prefix + String(letter)
            let line = try #require(try harness.typeInteractively(shell, typed + "\t"), "\(shell) \(key)")
            if shell == "fish" && key.contains("\t") {
                #expect(line == typed, "fish cannot offer a name with a tab")
                continue
            }
            #expect(line.hasPrefix(command) && line.hasSuffix(" "), "\(shell): \(line)")
            let inserted = String(line.dropFirst(command.count))
            #expect(harness.words(inserted, shell: shell) == [key], "\(shell) inserted \(inserted)")
        }
        // Inside an opening quote the shell closes the quote itself.
        let quoted = try #require(
            try harness.typeInteractively(shell, command + "'" + harness.prefix + "d wi\t"))
        #expect(harness.words(String(quoted.dropFirst(command.count)), shell: shell) == [harness.keys["d"]!])
        // A list of every name (Tab twice), then the verb and an option: nothing runs.
        let listed = try harness.typeInteractively(shell, command + harness.prefix + "\t\t")
        #expect(listed?.hasPrefix(command + harness.prefix) == true)
        #expect(try harness.typeInteractively(shell, "pottery set memb\t") == "pottery set members ")
        #expect(
            try harness.typeInteractively(shell, "pottery set members k --qu\t")
                == "pottery set members k --quiet ")
        #expect(harness.markersCreated.isEmpty, "\(shell) ran a key name")
    }

    /// The README's `{user:42}:profile` keys (a hash tag, then `:`), and one whose tag holds a comma
    /// (brace expansion's): typed unquoted, completed, and read back by the shell as that very key.
    /// With the brace still open, zsh completes after it as for brace expansion (the script asks for
    /// the whole word); fish 3 would keep the raw brace and escape the rest, a word it cannot read,
    /// so it is offered nothing there, and completes the name typed as `\{...`.
    @Test(.enabled(if: available("zsh") && available("bash") && available("fish"), "a shell is missing"))
    func hashTaggedKeysCompleteInEveryShell() throws {
        let harness = try CompletionShellHarness()
        let tag = uniqueKey("brace").replacingOccurrences(of: ":", with: "-")
        let profile = "{\(tag):42}:profile"
        let listed = "{\(tag)s:1,2}"
        for name in [profile, listed] { try harness.server.cli("SADD", name, "m") }
        let command = "pottery ttl "
        var failures: [String] = []
        let closed = [("{\(tag):42}:p", profile)]
        let open = [("{\(tag)s", listed), ("{\(tag):4", profile)]
        let escaped = open.map { ("\\" + $0.0, $0.1) }
        for (shell, cases) in [
            ("bash", closed + open), ("zsh", closed + open + escaped), ("fish", closed + escaped),
        ] {
            for (typed, key) in cases {
                let line = try harness.typeInteractively(shell, command + typed + "\t") ?? "(no line)"
                let inserted = String(line.dropFirst(command.count))
                if !line.hasPrefix(command) || harness.words(inserted, shell: shell) != [key] {
                    failures.append("\(shell): \(typed) -> \(line)")
                }
            }
        }
        for (typed, _) in open {
            let line = try harness.typeInteractively("fish", command + typed + "\t")
            if line != command + typed { failures.append("fish: \(typed) -> \(line ?? "(no line)")") }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test(
        .enabled(
            if: available("zsh") && available("bash"),
            "zsh (the terminal driver) is not installed (scripts/setup)")) func bashInteractive() throws
    {
        try insertsEachNameQuoted("bash")
    }

    @Test(.enabled(if: available("zsh"), "zsh is not installed (scripts/setup installs it)"))
    func zshInteractive() throws {
        try insertsEachNameQuoted("zsh")
    }

    @Test(.enabled(if: available("zsh") && available("fish"), "zsh or fish is not installed (scripts/setup)"))
    func fishInteractive() throws {
        try insertsEachNameQuoted("fish")
    }
}
