extension RecognizedText {
    /// Words Tesseract is less sure of than this (0–100) are dropped: below it, what it
    /// reads in photos without text (fur, foliage, gravel) is nearly all noise, while
    /// print it can see is read at 75–97.
    static let confidenceFloor = 70.0
    /// A line is kept only when one of its words has this many letters or digits:
    /// what Tesseract makes of texture is short scraps ("wa", "Ry", "4").
    static let minimumCharacters = 3

    /// The credible words of `lines`, one line of text per line that keeps any.
    init(lines: [[OCRWord]]) {
        var kept: [String] = []
        var confidences: [Double] = []
        for line in lines {
            let words = line.filter { $0.confidence >= Self.confidenceFloor && $0.characters > 0 }
            guard words.contains(where: { $0.characters >= Self.minimumCharacters }) else { continue }
            kept.append(words.map { $0.text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.joined(separator: " "))
            confidences += words.map(\.confidence)
        }
        guard !kept.isEmpty else {
            self = .empty
            return
        }
        self.init(text: kept.joined(separator: "\n"), confidence: confidences.reduce(0, +) / Double(confidences.count) / 100)
    }
}
