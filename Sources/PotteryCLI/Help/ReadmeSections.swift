/// The README's tables that come from the command table's shared facts, between marker comments
/// (`<!-- generated:exit-status -->` ... `<!-- end -->`), so README, help and man page cannot drift
/// apart. `scripts/generate` rewrites them; a test fails when the committed README falls behind.
struct ReadmeSections {
    let table: CommandTable

    /// Marker name and the Markdown that belongs between the markers.
    var sections: [(name: String, markdown: String)] {
        [
            (
                "exit-status",
                markdownTable(
                    ["status", "meaning"], table.exitStatuses.map { ["\($0.status)", $0.meaning] })
            ),
            (
                "environment",
                markdownTable(
                    ["variable", "meaning"], table.environment.map { ["`\($0.name)`", $0.meaning] })
            ),
        ]
    }

    /// `text` with every marked section replaced by what the table generates now.
    func apply(to text: String) -> String {
        var result = text
        for (name, markdown) in sections {
            let open = "<!-- generated:\(name) -->\n"
            let close = "<!-- end -->"
            guard let start = result.firstRange(of: open),
                let end = result[start.upperBound...].firstRange(of: close)
            else { continue }
            result.replaceSubrange(start.upperBound..<end.lowerBound, with: markdown)
        }
        return result
    }

    private func markdownTable(_ header: [String], _ rows: [[String]]) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n"
        text += "|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows {
            text += "| " + row.map { $0.replacing("|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return text
    }
}
