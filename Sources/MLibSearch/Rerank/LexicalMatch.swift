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
    /// The words without repeats (two may fold to one); a word's place here is its id.
    private let distinct: [String]
    /// `words` as ids.
    private let run: [Int]
    /// The distinct words' bytes when all are ASCII: tokens are then compared as bytes,
    /// and only tokens with other letters become strings.
    private let asciiWords: [[UInt8]]?

    init(_ query: AnalyzedQuery) {
        words = query.words.map(MomentFinder.fold)
        cjkRuns = query.cjkRuns
        var distinct: [String] = []
        for word in words where !distinct.contains(word) { distinct.append(word) }
        self.distinct = distinct
        run = words.map { word in distinct.firstIndex(of: word)! }
        asciiWords = distinct.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ? distinct.map { Array($0.utf8) } : nil
    }

    /// Fields whose words name the item rather than tell its content.
    static let namingFields: Set<EvidenceField> = [.title, .keywords, .name]

    /// The share of the query's terms found anywhere in `fields`, and in the naming fields.
    func coverage(of fields: [EvidenceField: String]) -> (all: Double, naming: Double, phrase: Bool) {
        let terms = words.count + cjkRuns.count
        guard terms > 0 else { return (0, 0, false) }
        var everywhere = [Bool](repeating: false, count: distinct.count)
        var naming = everywhere
        var phrase = false
        var cjkFound = Set<String>()
        var cjkNaming = Set<String>()
        for (field, text) in fields where field != .picture {
            if !words.isEmpty {
                let (present, ids) = scan(text, keepingIDs: !phrase && words.count > 1)
                let isNaming = Self.namingFields.contains(field)
                for id in present.indices where present[id] {
                    everywhere[id] = true
                    if isNaming { naming[id] = true }
                }
                if !phrase, words.count > 1, !present.contains(false) { phrase = Self.contains(ids, run: run) }
            }
            for run in cjkRuns where text.contains(run) {
                cjkFound.insert(run)
                if Self.namingFields.contains(field) { cjkNaming.insert(run) }
            }
        }
        let found = everywhere.count { $0 }
        let named = naming.count { $0 }
        return (
            Double(found + cjkFound.count) / Double(terms), Double(named + cjkNaming.count) / Double(terms),
            phrase || (words.isEmpty && cjkRuns.count == 1 && !cjkFound.isEmpty)
        )
    }

    /// The share of the query's terms in one passage (a subtitle cue, an OCR line).
    func share(in text: String) -> Double {
        let terms = words.count + cjkRuns.count
        guard terms > 0 else { return 0 }
        let found = (words.isEmpty ? 0 : scan(text, keepingIDs: false).present.count { $0 }) + cjkRuns.filter { text.contains($0) }.count
        return Double(found) / Double(terms)
    }

    /// Which distinct words `text` holds and, when asked, the id of each of its
    /// tokens in order (-1 for a token that is no query word).
    ///
    /// Tokens are cut where the word index cuts them (letters and numbers are word
    /// characters) and folded as the query's words were: ASCII letters lower-cased, a
    /// token with other letters by Foundation's folding. The text is read as UTF-8
    /// bytes; when every query word is ASCII, an ASCII token is compared in place and
    /// no string is made for it.
    private func scan(_ text: String, keepingIDs: Bool) -> (present: [Bool], ids: [Int]) {
        var present = [Bool](repeating: false, count: distinct.count)
        var ids: [Int] = []
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let start = index
                var ascii = true
                while index < bytes.count {
                    if bytes[index] < 0x80 {
                        guard Self.lowered(bytes[index]) != nil else { break }
                        index += 1
                    } else {
                        let (scalar, length) = Self.scalar(in: bytes, at: index)
                        guard Self.isWordCharacter(scalar) else { break }
                        ascii = false
                        index += length
                    }
                }
                guard index > start else {
                    index += bytes[index] < 0x80 ? 1 : Self.scalar(in: bytes, at: index).length
                    continue
                }
                let id = id(of: UnsafeBufferPointer(rebasing: bytes[start..<index]), ascii: ascii)
                if id >= 0 { present[id] = true }
                if keepingIDs { ids.append(id) }
            }
        }
        return (present, ids)
    }

    /// The id of a token (its UTF-8 bytes, as written), or -1.
    private func id(of token: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Int {
        if ascii, let asciiWords {
            for (id, word) in asciiWords.enumerated() where word.count == token.count {
                if word.indices.allSatisfy({ Self.lowered(token[$0]) == word[$0] }) { return id }
            }
            return -1
        }
        var scalars = String.UnicodeScalarView()
        for scalar in String(decoding: token, as: UTF8.self).unicodeScalars {
            scalars.append(scalar.isASCII ? Unicode.Scalar(Self.lowered(UInt8(scalar.value))!) : scalar)
        }
        let folded = ascii ? String(scalars) : MomentFinder.fold(String(scalars))
        return distinct.firstIndex(of: folded) ?? -1
    }

    /// An ASCII letter or digit, lower-cased; nil for any other ASCII byte.
    private static func lowered(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x61...0x7A, 0x30...0x39: byte
        case 0x41...0x5A: byte + 0x20
        default: nil
        }
    }

    /// Whether a non-ASCII scalar belongs to a word: letters, numbers and the marks
    /// that sit on them.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }

    /// The scalar whose UTF-8 sequence starts at `index` (a lead byte of valid UTF-8,
    /// as a Swift string's bytes always are), and the sequence's length.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0x7F >> length)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether `ids` holds `run` as a contiguous stretch.
    static func contains(_ ids: [Int], run: [Int]) -> Bool {
        guard run.count <= ids.count, let first = run.first else { return false }
        for start in 0...(ids.count - run.count) where ids[start] == first {
            if ids[start..<(start + run.count)].elementsEqual(run) { return true }
        }
        return false
    }
}
