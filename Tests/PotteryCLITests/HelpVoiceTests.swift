import Testing

@testable import PotteryCLI

/// Help and usage errors in the words of the place they are read, with "did you mean" from the
/// table, and help wrapped to a terminal's width.
@Suite struct HelpVoiceTests {
    let parser = ArgvParser(table: .standard)

    private func usage(_ argv: [String], voice: HelpVoice = .commandLine) -> String? {
        do {
            _ = try parser.parse(argv)
            return nil
        } catch {
            return ErrorRenderer.render(error, context: "", voice: voice).line
        }
    }

    @Test func errorsPointAtHelpAsTheyAreTyped() {
        #expect(
            usage(["dict", "get", "k"])
                == "pottery: dict get: missing argument FIELD (see 'pottery dict get --help')")
        #expect(
            usage(["dict", "get", "k"], voice: .repl)
                == "pottery: dict get: missing argument FIELD (see 'help dict get')")
        #expect(usage(["nosuch"], voice: .repl) == "pottery: unknown command 'nosuch' (see 'help')")
        #expect(
            usage(["help", "dict", "nope"], voice: .repl)
                == "pottery: help: no help for 'dict nope': unknown verb (see 'help dict')")
    }

    @Test func didYouMeanFromTheTable() {
        #expect(
            usage(["set", "memebers", "k"])
                == "pottery: set: unknown verb 'memebers'; did you mean 'members'? (see 'pottery set --help')"
        )
        #expect(usage(["dcit", "get"])?.contains("unknown command 'dcit'; did you mean 'dict'?") == true)
        #expect(
            usage(["dict", "get", "k", "f", "--tiemout", "1"])?.contains("did you mean '--timeout'?") == true)
        #expect(usage(["dict", "get", "k", "f", "--rverse"])?.contains("did you mean") == false)
        #expect(usage(["zzzzzz"])?.contains("did you mean") == false)  // nothing close: no guess
        // A swap of neighbours is one edit.
        #expect(Suggestion.closest(to: "lsit", among: ["list", "set", "lock"]) == "list")
        #expect(Suggestion.closest(to: "x", among: ["set"]) == nil)
    }

    @Test func helpSpeaksOfReplLinesAndWrapsToTheWidth() {
        let lock = CommandTable.standard.group(named: "lock")!
        let run = lock.verb(named: "run")!
        let line = HelpRenderer(table: .standard).verb(run, in: lock)
        #expect(line.split(separator: "\n").contains { $0.count > 200 })  // a pipe gets the table's lines
        let wrapped = HelpRenderer(table: .standard, voice: .repl, width: 60).verb(run, in: lock)
        #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 60 })
        #expect(wrapped.hasPrefix("Usage: lock run KEY") && wrapped.hasSuffix("see 'help'.\n"))
        // The same words, only the line breaks differ.
        #expect(
            wrapped.split(whereSeparator: \.isWhitespace)
                == HelpRenderer(table: .standard, voice: .repl).verb(run, in: lock).split(
                    whereSeparator: \.isWhitespace))
        let program = HelpRenderer(table: .standard, voice: .repl).program()
        #expect(program.contains("REDIS-COMMAND [ARG...]") && program.contains("LINE | PIPELINE"))
        #expect(!program.contains("Usage: pottery"))
    }

    @Test func replHintsAndRepeatCounts() {
        let hint = ReplHint(table: .standard)
        #expect(hint.hint(for: Array("set add ".utf8)) == "KEY V...")
        #expect(hint.hint(for: Array("dict update k ".utf8)) == "V...")
        #expect(Repl.repeatCount(Word("3")) == 3 && Repl.repeatCount(Word("1000000")) == 1_000_000)
        for word in ["0", "-3", "1000001", "3x", "99999999999999999999", "+3"] {
            #expect(Repl.repeatCount(Word(word)) == nil, "\(word)")
        }
    }
}
