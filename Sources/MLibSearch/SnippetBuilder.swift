import Foundation
import MLibCore

/// Cuts the passage that best shows why an item matched, with the query's words
/// marked.
///
/// Works on UTF-8 bytes with an ASCII fast path: asking SQLite for `snippet()`
/// re-runs the full-text match per item and cost more than the search itself.
/// Words are compared as `unicode61 remove_diacritics 2` compares them: lower-cased,
/// without accents.
struct SnippetBuilder {
    /// Folded query words, and their lengths in bytes.
    private let termList: [[UInt8]]
    private let termLengths: Set<Int>
    private let cjkRuns: [String]
    /// How many words a snippet shows.
    let windowWords: Int

    /// The order in which fields are preferred when they match equally well.
    static let fieldPreference: [EvidenceField] = [.body, .subtitle, .ocr, .title, .keywords, .metadata, .colour, .name]

    init(query: AnalyzedQuery, windowWords: Int = 16) {
        termList = query.words.map { Array(Self.fold($0).utf8) }
        termLengths = Set(termList.map(\.count))
        cjkRuns = query.cjkRuns
        self.windowWords = windowWords
    }

    /// The best snippet among an item's fields and the field it is from, or nil when
    /// no field shows a match.
    func snippet(from columns: [EvidenceField: String]) -> (field: EvidenceField, text: String)? {
        var best: (matches: Int, field: EvidenceField, text: String)?
        for field in Self.fieldPreference {
            guard let text = columns[field], let candidate = window(in: text) else { continue }
            if best == nil || candidate.matches > best!.matches { best = (candidate.matches, field, candidate.text) }
        }
        if let best { return (best.field, best.text) }
        for field in Self.fieldPreference {
            if let text = columns[field], let snippet = cjkSnippet(in: text) { return (field, snippet) }
        }
        return nil
    }

    private func window(in text: String) -> (matches: Int, text: String)? {
        guard !termList.isEmpty else { return nil }
        let utf8 = Array(text.utf8)
        let everyTerm: UInt64 = termList.count >= 64 ? .max : (1 << UInt64(termList.count)) - 1
        // Words are cut as the scan goes, so a long body is read only up to the first
        // window that holds every query word.
        var words: [Word] = []
        var matched: [UInt64] = []
        var best: (start: Int, mask: UInt64)?
        var wordsAfterBest = 0
        Self.forEachWord(in: utf8) { word in
            let index = words.count
            words.append(word)
            let bit = term(of: word, in: utf8).map { UInt64(1) << UInt64(min($0, 63)) } ?? 0
            matched.append(bit)
            if best != nil { wordsAfterBest += 1 }
            if bit != 0 {
                let start = max(0, index - windowWords + 4)
                var mask: UInt64 = 0
                for position in start...index { mask |= matched[position] }
                if best == nil || mask.nonzeroBitCount > best!.mask.nonzeroBitCount {
                    best = (max(0, min(start, index - 3)), mask)
                    wordsAfterBest = 0
                }
            }
            // Stop once the best window is complete and cannot be beaten.
            return !(best?.mask == everyTerm && wordsAfterBest >= windowWords)
        }
        guard let best else { return nil }
        let end = min(words.count, best.start + windowWords)
        var out: [UInt8] = best.start > 0 ? Self.ellipsis : []
        out.reserveCapacity(words[end - 1].range.upperBound - words[best.start].range.lowerBound + 64)
        var cursor = words[best.start].range.lowerBound
        for index in best.start..<end {
            let range = words[index].range
            // Line breaks inside the window become spaces: a snippet is one line.
            for byte in utf8[cursor..<range.lowerBound] { out.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte) }
            if matched[index] != 0 {
                out += Self.open
                out += utf8[range]
                out += Self.close
            } else {
                out += utf8[range]
            }
            cursor = range.upperBound
        }
        if end < words.count || words[end - 1].range.upperBound < utf8.count - 1 { out += Self.ellipsis }
        return (best.mask.nonzeroBitCount, String(decoding: out, as: UTF8.self))
    }

    private static let ellipsis = Array("…".utf8)
    private static let open = Array(SearchHit.highlightStart.utf8)
    private static let close = Array(SearchHit.highlightEnd.utf8)

    /// The index of the query word `word` is, compared folded, or nil.
    private func term(of word: Word, in utf8: [UInt8]) -> Int? {
        let range = word.range
        if word.isASCII {
            guard termLengths.contains(range.count) else { return nil }
            for (index, term) in termList.enumerated() where term.count == range.count {
                var equal = true
                var offset = 0
                for byte in utf8[range] {
                    let lower = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
                    if lower != term[offset] {
                        equal = false
                        break
                    }
                    offset += 1
                }
                if equal { return index }
            }
            return nil
        }
        return termList.firstIndex(of: Self.fold(utf8[range]))
    }

    private func cjkSnippet(in text: String) -> String? {
        for run in cjkRuns {
            guard let range = text.range(of: run) else { continue }
            let before = text[..<range.lowerBound].suffix(24)
            let after = text[range.upperBound...].prefix(24)
            let prefix = before.startIndex > text.startIndex ? "…" : ""
            let suffix = after.endIndex < text.endIndex ? "…" : ""
            return (prefix + before + SearchHit.highlightStart + run + SearchHit.highlightEnd + after + suffix)
                .replacingNewlines()
        }
        return nil
    }

    /// A word's bytes, and whether they are all ASCII (the fast comparison path).
    struct Word {
        var range: Range<Int>
        var isASCII: Bool
    }

    /// Calls `body` with each word of `utf8` until it returns false. Words are runs
    /// of ASCII letters and digits, or of non-ASCII bytes (letters of other scripts).
    static func forEachWord(in utf8: [UInt8], _ body: (Word) -> Bool) {
        var start: Int?
        var ascii = true
        for index in utf8.indices {
            let byte = utf8[index]
            let isWord = byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            if isWord {
                if start == nil {
                    start = index
                    ascii = true
                }
                if byte >= 0x80 { ascii = false }
            } else if let first = start {
                if !body(Word(range: first..<index, isASCII: ascii)) { return }
                start = nil
            }
        }
        if let first = start { _ = body(Word(range: first..<utf8.count, isASCII: ascii)) }
    }

    static func fold<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
        }
        return Array(fold(String(decoding: bytes, as: UTF8.self)).utf8)
    }

    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
