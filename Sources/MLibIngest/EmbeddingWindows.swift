import MLibCore

/// Cuts long text into overlapping windows a sentence model can take whole.
///
/// A model sees at most 256 tokens; English runs ~1.3 tokens a word, so windows of
/// 180 words with 30 words of overlap fit, and no sentence is only ever seen cut in
/// half. Each CJK character counts as a word (the tokenizer splits them one by one).
public enum EmbeddingWindows {
    static let maximumWords = 180
    static let overlapWords = 30

    public static func split(_ text: String) -> [String] {
        var words: [Substring] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character.isWhitespace {
                if let first = start { words.append(text[first..<index]) }
                start = nil
            } else if let scalar = character.unicodeScalars.first, CJKText.isCJK(scalar) {
                if let first = start { words.append(text[first..<index]) }
                words.append(text[index..<next])
                start = nil
            } else if start == nil {
                start = index
            }
            index = next
        }
        if let first = start { words.append(text[first...]) }
        guard words.count > maximumWords else { return [text] }
        var windows: [String] = []
        var from = 0
        while from < words.count {
            let to = min(words.count, from + maximumWords)
            windows.append(words[from..<to].joined(separator: " "))
            if to == words.count { break }
            from = to - overlapWords
        }
        return windows
    }
}
