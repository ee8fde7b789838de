extension HintExtractor {
    /// One piece of a query: a word, one CJK character, one mark, a run of spaces, or a quote mark.
    struct Token {
        enum Role { case word, ideograph, mark, space, quote }

        var role: Role
        /// As typed.
        var text: String
        /// Lower-cased, without diacritics, half-width: what matching compares.
        var key: String
        /// Inside a quoted phrase, so literal text and never a hint.
        var quoted: Bool
    }

    /// CJK words and what each means, tried longest first.
    struct Spellings<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
        let longestFirst: [(String, Value)]

        init(dictionaryLiteral elements: (String, Value)...) {
            longestFirst = elements.sorted { $0.0.count > $1.0.count }
        }
    }

    /// What a token turned out to be part of.
    enum Claim { case date, kind, camera, filler }

    /// A query cut into tokens, with the hints claimed so far.
    ///
    /// Matchers address tokens by *position*: the index among tokens that are not spaces,
    /// so a pattern such as `last summer` reads two consecutive positions whatever the
    /// spacing. ``touches(_:)`` tells where spacing matters (`2019-06`).
    struct Tokens {
        private(set) var items: [Token]
        private(set) var claims: [Claim?]
        /// Indices into `items` of the tokens that are not spaces.
        let positions: [Int]
        /// Quoted phrases, whitespace-normalised, in order, without repeats.
        let phrases: [String]

        init(_ query: String) {
            let (items, phrases) = Self.cut(query)
            self.items = items
            self.phrases = phrases
            claims = Array(repeating: nil, count: items.count)
            positions = items.indices.filter { items[$0].role != .space }
        }

        var count: Int { positions.count }

        /// The key at position `p` when that token is free to become a hint: not quoted,
        /// not a quote mark, not claimed yet.
        func key(_ p: Int) -> String? {
            guard positions.indices.contains(p) else { return nil }
            let index = positions[p]
            let token = items[index]
            guard !token.quoted, token.role != .quote, claims[index] == nil else { return nil }
            return token.key
        }

        /// The key at `p` when it is a free word.
        func word(_ p: Int) -> String? {
            guard let key = key(p), items[positions[p]].role == .word else { return nil }
            return key
        }

        /// The key at `p` when it is a free mark (`-`, `/`, `,`).
        func mark(_ p: Int) -> String? {
            guard let key = key(p), items[positions[p]].role == .mark else { return nil }
            return key
        }

        func role(_ p: Int) -> Token.Role? {
            positions.indices.contains(p) ? items[positions[p]].role : nil
        }

        func claim(_ p: Int) -> Claim? {
            positions.indices.contains(p) ? claims[positions[p]] : nil
        }

        /// Whether `p` follows `p - 1` with no space between.
        func touches(_ p: Int) -> Bool {
            guard p > 0, positions.indices.contains(p) else { return false }
            return positions[p] == positions[p - 1] + 1
        }

        /// The free word at `p` read as a whole number of at most `maxDigits` digits.
        func number(_ p: Int, maxDigits: Int = 4) -> (value: Int, digits: Int)? {
            guard let word = word(p), (1...maxDigits).contains(word.count) else { return nil }
            var value = 0
            for character in word {
                guard let digit = character.wholeNumberValue, character.isNumber else { return nil }
                value = value * 10 + digit
            }
            return (value, word.count)
        }

        /// How many positions from `p` spell `text` one CJK character each (`去年` → 2), or nil.
        func spells(_ text: String, at p: Int) -> Int? {
            var q = p
            for character in text {
                guard role(q) == .ideograph, key(q) == String(character) else { return nil }
                q += 1
            }
            return q - p
        }

        /// The first of `table` spelled at `p`, and its length; tables are ``Spellings``
        /// so the longest spelling is tried first (`上个星期` before `上个`).
        func spellsAny<Value>(_ table: Spellings<Value>, at p: Int) -> (value: Value, length: Int)? {
            for (text, value) in table.longestFirst {
                if let length = spells(text, at: p) { return (value, length) }
            }
            return nil
        }

        /// The query's words from position `range.lowerBound` up to `range.upperBound`, as typed.
        func text(_ range: Range<Int>) -> String {
            guard let first = range.first, let last = range.last else { return "" }
            return HintExtractor.spacesNormalised(items[positions[first]...positions[last]].map(\.text).joined())
        }

        /// Claims positions `range` and the spaces between them.
        mutating func claim(_ range: Range<Int>, as claim: Claim) {
            guard let first = range.first, let last = range.last else { return }
            for index in positions[first]...positions[last] where claims[index] == nil {
                claims[index] = claim
            }
        }
    }
}
