import Testing

@testable import PotteryCLI

/// bash hands `__complete` the words as typed; replies go back quoted for the word's quoting context.
@Suite struct CompletionBashWordsTests {
    @Test func unquoteReadsWordsAsBashDoes() {
        #expect(BashWords.unquote("plain") == "plain")
        #expect(BashWords.unquote("my\\ key") == "my key")
        #expect(BashWords.unquote("'a b'c") == "a bc")
        #expect(BashWords.unquote("'unterminated") == "unterminated")
        #expect(BashWords.unquote("\"a\\\"b\\$c\\x") == "a\"b$c\\x")
        #expect(BashWords.unquote("'\\'") == "\\")
        #expect(BashWords.unquote("$(touch x)") == "$(touch x)")
        #expect(BashWords.unquote("trailing\\") == "trailing")
    }

    @Test func contextIsAnOpeningQuoteLeftOpen() {
        #expect(BashWords.context(of: "abc") == .none)
        #expect(BashWords.context(of: "'ab") == .single)
        #expect(BashWords.context(of: "\"ab") == .double)
        #expect(BashWords.context(of: "'ab'") == .none)
        #expect(BashWords.context(of: "\"a\\\"b") == .double)
        #expect(BashWords.context(of: "'a'\"b") == .double)
        #expect(BashWords.context(of: "") == .none)
    }

    @Test func quoteEscapesEverythingBashReads() {
        #expect(BashWords.quote("user:1.a-b_c/d@e%f+g,h=i", context: .none) == "user:1.a-b_c/d@e%f+g,h=i")
        #expect(BashWords.quote("$(touch x)", context: .none) == "\\$\\(touch\\ x\\)")
        #expect(
            BashWords.quote("a;b`c`'d\"e*f?[g]~h#i!j&k|l<m>n{o}", context: .none)
                == "a\\;b\\`c\\`\\'d\\\"e\\*f\\?\\[g\\]\\~h\\#i\\!j\\&k\\|l\\<m\\>n\\{o\\}")
        #expect(BashWords.quote("tab\there\\", context: .none) == "tab\\\there\\\\")
        #expect(BashWords.quote("café", context: .none) == "café")
        #expect(BashWords.quote("it's $x", context: .single) == "it'\\''s $x")
        #expect(BashWords.quote("a\"b$c`d`\\e f", context: .double) == "a\\\"b\\$c\\`d\\`\\\\e f")
    }

    @Test func quotedWordsReadBackUnchanged() {
        for text in ["$(touch x)", "a b\tc", "it's", "\\", "\"q\"", "*?[]", "x=y:z", "é ü"] {
            #expect(BashWords.unquote(BashWords.quote(text, context: .none)) == text)
            #expect(BashWords.unquote("'" + BashWords.quote(text, context: .single) + "'") == text)
            #expect(BashWords.unquote("\"" + BashWords.quote(text, context: .double) + "\"") == text)
        }
    }
}
