import Foundation
import MLibCore

extension HintExtractor {
    /// Whether `character` only separates words: white space, and the zero-width spaces
    /// Foundation trims as white space too.
    static func isSpace(_ character: Character) -> Bool {
        character.isWhitespace || character.unicodeScalars.allSatisfy(CharacterSet.whitespacesAndNewlines.contains)
    }

    /// `text` with runs of space made one plain space, and none at either end.
    static func spacesNormalised(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: isSpace).joined(separator: " ")
    }
}

extension HintExtractor.Tokens {
    /// Opening quote marks and the mark that closes each.
    static let closingQuote: [Character: Character] = [
        "\"": "\"", "\u{201C}": "\u{201D}", "\u{201E}": "\u{201C}", "\u{201D}": "\u{201D}", "「": "」", "『": "』",
        "«": "»", "＂": "＂",
    ]
    static let quoteMarks: Set<Character> = ["\"", "\u{201C}", "\u{201D}", "\u{201E}", "「", "」", "『", "』", "«", "»", "＂"]

    /// Cuts `query` into tokens and finds its quoted phrases; an unpaired quote mark is
    /// a quote token with nothing quoted.
    static func cut(_ query: String) -> ([HintExtractor.Token], [String]) {
        let characters = Array(query)
        var quoted = [Bool](repeating: false, count: characters.count)
        var isQuote = [Bool](repeating: false, count: characters.count)
        var phrases: [String] = []
        var i = 0
        while i < characters.count {
            let character = characters[i]
            if let closing = closingQuote[character], let end = characters[(i + 1)...].firstIndex(of: closing) {
                isQuote[i] = true
                isQuote[end] = true
                for k in (i + 1)..<end { quoted[k] = true }
                let phrase = HintExtractor.spacesNormalised(String(characters[(i + 1)..<end]))
                if phrase.contains(where: { $0.isLetter || $0.isNumber }), !phrases.contains(phrase) {
                    phrases.append(phrase)
                }
                i = end + 1
            } else {
                isQuote[i] = quoteMarks.contains(character)
                i += 1
            }
        }

        var tokens: [HintExtractor.Token] = []
        func append(_ role: HintExtractor.Token.Role, _ character: Character, quoted: Bool) {
            if let last = tokens.last, last.role == role, last.quoted == quoted, role == .word || role == .space {
                tokens[tokens.count - 1].text.append(character)
            } else {
                tokens.append(HintExtractor.Token(role: role, text: String(character), key: "", quoted: quoted))
            }
        }
        for (index, character) in characters.enumerated() {
            let role: HintExtractor.Token.Role
            if isQuote[index] {
                role = .quote
            } else if HintExtractor.isSpace(character) {
                role = .space
            } else if let scalar = character.unicodeScalars.first, CJKText.isCJK(scalar) {
                role = .ideograph
            } else if character.isLetter || character.isNumber {
                role = .word
            } else {
                role = .mark
            }
            append(role, character, quoted: quoted[index])
        }
        for index in tokens.indices {
            tokens[index].key = tokens[index].text.lowercased()
                .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        return (tokens, phrases)
    }
}
