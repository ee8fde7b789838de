import Foundation
import MLibCore

/// How an item's own text holds the query's words: their share anywhere, their share
/// in the naming fields, and whether they stand together as typed.
///
/// Words are compared as the word index compares them (lower case, no diacritics), so
/// the rerank agrees with recall on what a match is.
struct LexicalMatch {
    /// The query's words, folded, in order.
    let words: [String]
    /// Its runs of CJK text, matched as substrings.
    let cjkRuns: [String]

    init(_ query: AnalyzedQuery) {
        words = query.words.map(MomentFinder.fold)
        cjkRuns = query.cjkRuns
    }

    /// Fields whose words name the item rather than tell its content.
    static let namingFields: Set<EvidenceField> = [.title, .keywords, .name]

    /// The share of the query's terms found anywhere in `fields`, and in the naming fields.
    func coverage(of fields: [EvidenceField: String]) -> (all: Double, naming: Double, phrase: Bool) {
        let terms = words.count + cjkRuns.count
        guard terms > 0 else { return (0, 0, false) }
        var everywhere = Set<String>()
        var naming = Set<String>()
        var phrase = false
        var cjkFound = Set<String>()
        var cjkNaming = Set<String>()
        for (field, text) in fields where field != .picture {
            let tokens = Self.tokens(text)
            let present = Set(tokens).intersection(words)
            everywhere.formUnion(present)
            if Self.namingFields.contains(field) { naming.formUnion(present) }
            if !phrase, words.count > 1, present.count == Set(words).count { phrase = Self.contains(tokens, run: words) }
            for run in cjkRuns where text.contains(run) {
                cjkFound.insert(run)
                if Self.namingFields.contains(field) { cjkNaming.insert(run) }
            }
        }
        return (
            Double(everywhere.count + cjkFound.count) / Double(terms), Double(naming.count + cjkNaming.count) / Double(terms),
            phrase || (words.isEmpty && cjkRuns.count == 1 && !cjkFound.isEmpty)
        )
    }

    /// The share of the query's terms in one passage (a subtitle cue, an OCR line).
    func share(in text: String) -> Double {
        let terms = words.count + cjkRuns.count
        guard terms > 0 else { return 0 }
        let found = Set(Self.tokens(text)).intersection(words).count + cjkRuns.filter { text.contains($0) }.count
        return Double(found) / Double(terms)
    }

    /// Folded word tokens, cut where the word index cuts them (letters and numbers are
    /// word characters). ASCII words are lower-cased in place; only words with other
    /// letters pay for Foundation's folding.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = String.UnicodeScalarView()
        var ascii = true
        func flush() {
            guard !word.isEmpty else { return }
            let token = String(word)
            tokens.append(ascii ? token : MomentFinder.fold(token))
            word = String.UnicodeScalarView()
            ascii = true
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    word.append(scalar)
                } else if (0x41...0x5A).contains(value) {
                    word.append(Unicode.Scalar(value + 0x20)!)
                } else {
                    flush()
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark {
                word.append(scalar)
                ascii = false
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    static func contains(_ tokens: [String], run: [String]) -> Bool {
        guard run.count <= tokens.count, let first = run.first else { return false }
        for start in 0...(tokens.count - run.count) where tokens[start] == first {
            if Array(tokens[start..<(start + run.count)]) == run { return true }
        }
        return false
    }
}
