import MLibCore

/// The text a judge reads for a candidate: its title and its passage closest to the
/// query (by meaning when the rerank scored passages, else its first words), cut to
/// what a cross-encoder reads well.
enum JudgePassage {
    /// About 100 word pieces: what the judge reads of each candidate.
    static let maximumCharacters = 500

    static func text(fields: [EvidenceField: String], title: String?, passage: String?) -> String {
        var parts: [String] = []
        if let title, !title.isEmpty { parts.append(title) }
        if let passage, !passage.isEmpty { parts.append(passage) }
        for field in [EvidenceField.body, .subtitle, .ocr, .keywords, .name] {
            if let text = fields[field], !text.isEmpty { parts.append(text) }
            if parts.joined(separator: " ").count > maximumCharacters { break }
        }
        return String(parts.joined(separator: "\n").prefix(maximumCharacters))
    }
}
