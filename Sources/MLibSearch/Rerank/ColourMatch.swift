import MLibCore

/// How much of a picture is the colour a query asks for, read from its `colour`
/// evidence (dominant colour names repeated by share, `green green blue`).
struct ColourMatch {
    /// The eleven basic colour names the picture reader uses, and the American grey.
    static let names: Set<String> = [
        "red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white", "grey", "gray",
    ]

    /// The colours the query names, spelled as the picture reader spells them.
    let asked: Set<String>

    init(_ query: AnalyzedQuery) {
        asked = Set(query.words.filter { Self.names.contains($0) }.map { $0 == "gray" ? "grey" : $0 })
    }

    /// The share of the colour words that are asked for, 0...1; 0 when none is asked or
    /// the item has no colour evidence.
    func share(in fields: [EvidenceField: String]) -> Double {
        guard !asked.isEmpty, let text = fields[.colour], !text.isEmpty else { return 0 }
        // The reader writes lower-case names separated by spaces (and newlines between frames).
        let words = text.split(whereSeparator: { $0 == " " || $0.isNewline }).map { $0.lowercased() }
        guard !words.isEmpty else { return 0 }
        return Double(words.filter { asked.contains($0) }.count) / Double(words.count)
    }
}
