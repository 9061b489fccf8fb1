/// "Did you mean": the known word closest to a mistyped one, by edit distance (insertions,
/// deletions, substitutions and swaps of neighbours each count one), when it is close enough to be
/// a typo: one edit for words of up to four letters, two for longer ones.
enum Suggestion {
    static func closest(to typed: String, among known: [String]) -> String? {
        let word = Array(typed.lowercased().unicodeScalars)
        guard !word.isEmpty else { return nil }
        let limit = word.count <= 4 ? 1 : 2
        var best: (name: String, distance: Int)?
        for name in known where name != typed {
            let distance = editDistance(word, Array(name.lowercased().unicodeScalars))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (name, distance) }
        }
        return best?.name
    }

    /// `; did you mean 'members'?`, or nothing.
    static func phrase(for typed: String, among known: [String]) -> String {
        closest(to: typed, among: known).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The optimal string alignment distance.
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
