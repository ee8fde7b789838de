/// Cuts a note's body into passages of about 1,000 to 1,500 characters.
///
/// Passages end at paragraph boundaries (blank lines) where they can, so each one
/// reads on its own in a search snippet and fits a 256-token embedding window. A
/// paragraph longer than a passage is cut after sentences, then between words,
/// and as a last resort (text without spaces, such as Chinese) every 1,500
/// characters.
public enum PassageSplitter {
    /// A passage this long is complete; the next paragraph starts a new one.
    static let targetLength = 1_000
    /// No passage is longer than this, in characters.
    static let maximumLength = 1_500

    /// The passages of `text`, trimmed, none empty.
    public static func passages(_ text: Substring) -> [String] {
        var passages: [String] = []
        var current: [Substring] = []
        var currentLength = 0
        func flush() {
            if !current.isEmpty { passages.append(current.joined(separator: "\n\n")) }
            current = []
            currentLength = 0
        }
        for paragraph in paragraphs(text) {
            for piece in chunk(paragraph, level: 0) {
                let length = piece.count
                if !current.isEmpty, currentLength >= targetLength || currentLength + 2 + length > maximumLength {
                    flush()
                }
                current.append(piece)
                currentLength += (current.count > 1 ? 2 : 0) + length
            }
        }
        // A short tail joins the passage before it when the two still fit.
        if let last = passages.last, !current.isEmpty, currentLength < targetLength / 4,
            last.count + 2 + currentLength <= maximumLength
        {
            passages[passages.count - 1] = ([last[...]] + current).joined(separator: "\n\n")
            current = []
        }
        flush()
        return passages
    }

    /// Runs of non-blank lines, each trimmed of surrounding blank space.
    static func paragraphs(_ text: Substring) -> [Substring] {
        var result: [Substring] = []
        var start: String.Index?
        var end = text.startIndex
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{0C}" }
            if blank {
                if let first = start { result.append(text[first..<end]) }
                start = nil
            } else {
                if start == nil { start = line.startIndex }
                end = line.endIndex
            }
        }
        if let first = start { result.append(text[first..<end]) }
        return result.map(trimmed).filter { !$0.isEmpty }
    }

    /// `text` cut into pieces no longer than `maximumLength`, at sentence ends
    /// (level 0), then at spaces (level 1), then anywhere (level 2).
    static func chunk(_ text: Substring, level: Int) -> [Substring] {
        if text.count <= maximumLength { return [text] }
        if level >= 2 {
            var pieces: [Substring] = []
            var start = text.startIndex
            while start < text.endIndex {
                let end = text.index(start, offsetBy: maximumLength, limitedBy: text.endIndex) ?? text.endIndex
                pieces.append(text[start..<end])
                start = end
            }
            return pieces
        }
        let pieces = level == 0 ? cut(text, after: endsSentence) : cut(text, after: { character, _ in character.isWhitespace })
        var result: [Substring] = []
        var start: String.Index?
        var end = text.startIndex
        var length = 0
        for piece in pieces {
            let pieceLength = piece.count
            if pieceLength > maximumLength {
                if let first = start { result.append(text[first..<end]) }
                start = nil
                length = 0
                result.append(contentsOf: chunk(piece, level: level + 1))
                continue
            }
            if let first = start, length + pieceLength > maximumLength {
                result.append(text[first..<end])
                start = nil
                length = 0
            }
            if start == nil { start = piece.startIndex }
            end = piece.endIndex
            length += pieceLength
        }
        if let first = start { result.append(text[first..<end]) }
        return result.map(trimmed).filter { !$0.isEmpty }
    }

    /// Consecutive slices of `text` that together are all of it, each ending where
    /// `isBoundary(character, next)` allows a cut after `character`.
    private static func cut(_ text: Substring, after isBoundary: (Character, Character?) -> Bool) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if isBoundary(text[index], next < text.endIndex ? text[next] : nil) {
                pieces.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { pieces.append(text[start...]) }
        return pieces
    }

    /// A sentence ends at `.`, `!` or `?` before a space, at a line break, and at
    /// CJK full stops, which need no space after them.
    private static func endsSentence(_ character: Character, _ next: Character?) -> Bool {
        switch character {
        case "\n", "。", "！", "？", "；": return true
        case ".", "!", "?", "…": return next?.isWhitespace ?? true
        default: return false
        }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return Substring() }
        return text[first...last]
    }
}
