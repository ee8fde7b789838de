/// One word as Tesseract read it, with its confidence from 0 to 100.
struct OCRWord: Sendable, Hashable {
    var text: String
    var confidence: Double

    /// How many letters and digits the word has (punctuation does not count).
    var characters: Int { text.reduce(0) { $0 + ($1.isLetter || $1.isNumber ? 1 : 0) } }
}
