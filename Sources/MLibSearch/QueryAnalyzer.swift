import Foundation
import MLibCore

/// Turns what a user typed into terms, never into syntax.
///
/// Words are cut exactly where SQLite's `unicode61` tokenizer cuts them (letters and
/// numbers are word characters, everything else separates), so quotes, `AND`, `*`,
/// `:`, brackets, `-`, SQL fragments and emoji can never reach FTS5 as operators: at
/// most they become the words they contain.
public enum QueryAnalyzer {
    /// Words too common to narrow a search; dropped when other words remain.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "near",
        "not", "of", "on", "or", "the", "to", "with", "without",
    ]

    public static func analyze(_ query: String) -> AnalyzedQuery {
        var words: [String] = []
        var cjkRuns: [String] = []
        var word = ""
        var cjk = String.UnicodeScalarView()
        func flushWord() {
            if !word.isEmpty { words.append(word.lowercased()) }
            word = ""
        }
        func flushCJK() {
            if !cjk.isEmpty { cjkRuns.append(String(cjk)) }
            cjk = String.UnicodeScalarView()
        }
        for character in query {
            if let first = character.unicodeScalars.first, CJKText.isCJK(first) {
                flushWord()
                cjk.append(contentsOf: character.unicodeScalars)
            } else if character.isLetter || character.isNumber {
                flushCJK()
                word.append(character)
            } else {
                flushWord()
                flushCJK()
            }
        }
        flushWord()
        flushCJK()

        var unique: [String] = []
        for word in words where !unique.contains(word) { unique.append(word) }
        let meaningful = unique.filter { !stopWords.contains($0) }
        return AnalyzedQuery(
            words: meaningful.isEmpty ? unique : meaningful,
            cjkRuns: cjkRuns.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
    }

    /// An FTS5 expression requiring every word: `"red" "dress"`.
    ///
    /// Words hold only letters and numbers, so a quoted word is always one FTS5
    /// string; the doubling of `"` is kept as a second line of defence.
    public static func allWords(_ words: [String]) -> String {
        words.map(quoted).joined(separator: " ")
    }

    /// An FTS5 expression accepting any word: `"red" OR "dress"`.
    public static func anyWord(_ words: [String]) -> String {
        words.map(quoted).joined(separator: " OR ")
    }

    static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
