import CPotteryReadline

#if canImport(Glibc)
    import Glibc
#endif

/// Tab in the REPL: the words before the cursor go to the one completer (``Completer``); a single
/// candidate replaces the word under the cursor, quoted so the line splits back to the same word and
/// followed by a space; several insert their longest common prefix, or are listed when nothing more
/// can be inserted. readline's own filename completion and quoting are never used.
enum ReadlineCompletion {
    nonisolated(unsafe) static var completer: Completer?

    static func complete(_ count: Int32, _ key: Int32) -> Int32 {
        guard let completer, let buffer = prl_line() else { return 0 }
        ReadlineHints.clear()
        let point = Int(prl_point())
        let bytes = Array(
            UnsafeBufferPointer(
                start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: point))
        let typed = TypedLine(bytes)
        let current = typed.words.last ?? ""
        var seen = Set<String>()
        let texts = completer.complete(words: typed.words).map(\.text).filter {
            !$0.contains("\n") && !$0.contains("\r") && seen.insert($0).inserted
        }
        guard !texts.isEmpty else {
            prl_ding()
            return 0
        }
        if texts.count == 1 {
            replace(
                from: typed.currentStart, to: point, with: typed.replacement(for: texts[0], complete: true))
            return 0
        }
        let common = commonPrefix(texts)
        if common.count > current.count {
            replace(
                from: typed.currentStart, to: point, with: typed.replacement(for: common, complete: false))
            return 0
        }
        list(texts)
        return 0
    }

    static func commonPrefix(_ texts: [String]) -> String {
        guard var prefix = texts.first.map(Array.init) else { return "" }
        for text in texts.dropFirst() {
            let characters = Array(text)
            var length = 0
            while length < prefix.count, length < characters.count, prefix[length] == characters[length] {
                length += 1
            }
            prefix = Array(prefix[..<length])
        }
        return String(prefix)
    }

    private static func replace(from start: Int, to end: Int, with text: String) {
        prl_begin_undo_group()
        prl_delete_text(Int32(start), Int32(end))
        prl_set_point(Int32(start))
        prl_insert_text(text)
        prl_end_undo_group()
    }

    /// Shows the candidates below the line with readline's own lister, then the line again.
    private static func list(_ texts: [String]) {
        let shown = Array(texts.prefix(500))
        var pointers: [UnsafeMutablePointer<CChar>?] = [strdup("")] + shown.map { strdup($0) } + [nil]
        let width = shown.map(\.count).max() ?? 0
        pointers.withUnsafeMutableBufferPointer { matches in
            prl_display_match_list(matches.baseAddress, Int32(shown.count), Int32(width))
        }
        for pointer in pointers { free(pointer) }
        prl_forced_update_display()
    }
}
