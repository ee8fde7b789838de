extension HintExtractor {
    /// The query with its hints and quote marks taken out.
    enum SemanticText {
        /// Punctuation that only separated a hint from its neighbours, and goes with it.
        static let separators: Set<String> = [
            ",", ";", ":", ".", "!", "?", "(", ")", "[", "]", "{", "}", "-", "–", "—", "/", "|", "·", "…", "、", "，", "。",
            "；", "：", "！", "？", "（", "）", "《", "》",
        ]
        /// Words that carry no meaning to search for once the hints have gone.
        static let fillers: Set<String> = QueryAnalyzer.stopWords.union([
            "my", "our", "your", "his", "her", "their", "its", "me", "i", "we", "all", "some", "any", "show", "find",
            "get", "give", "search", "look", "see", "please", "this", "that", "these", "those", "taken", "shot", "made",
            "de", "la", "le", "les", "der", "die", "das", "el", "los", "las",
        ])

        private enum Piece {
            case kept(Token)
            case gap
        }

        static func of(_ tokens: Tokens, query: String) -> String {
            var pieces: [Piece] = []
            for (index, token) in tokens.items.enumerated() {
                if tokens.claims[index] != nil || token.role == .quote {
                    if case .gap? = pieces.last {} else { pieces.append(.gap) }
                } else {
                    pieces.append(.kept(token))
                }
            }
            var keep = [Bool](repeating: true, count: pieces.count)
            for index in pieces.indices {
                guard case .gap = pieces[index] else { continue }
                for direction in [-1, 1] {
                    var neighbour = index + direction
                    while pieces.indices.contains(neighbour), case .kept(let token) = pieces[neighbour], isSeparator(token) {
                        keep[neighbour] = false
                        neighbour += direction
                    }
                }
            }

            var text = ""
            var pendingGap = false
            var lastWasIdeograph = false
            var hasContent = false
            for (index, piece) in pieces.enumerated() where keep[index] {
                switch piece {
                case .gap:
                    pendingGap = true
                case .kept(let token):
                    if pendingGap, token.role != .space, text.last.map({ !HintExtractor.isSpace($0) }) == true,
                        !(lastWasIdeograph && token.role == .ideograph)
                    {
                        text += " "
                    }
                    pendingGap = false
                    text += token.text
                    lastWasIdeograph = token.role == .ideograph
                    hasContent = hasContent || isContent(token)
                }
            }
            return HintExtractor.spacesNormalised(hasContent ? text : query)
        }

        private static func isSeparator(_ token: Token) -> Bool {
            token.role == .space || (token.role == .mark && !token.quoted && separators.contains(token.key))
        }

        /// Whether `token` is worth searching for by meaning.
        private static func isContent(_ token: Token) -> Bool {
            switch token.role {
            case .word: token.quoted || !fillers.contains(token.key)
            case .ideograph: token.key != "的"
            case .mark: token.text.unicodeScalars.contains { $0.properties.isEmojiPresentation }  // `🔴 dress`
            case .space, .quote: false
            }
        }
    }
}
