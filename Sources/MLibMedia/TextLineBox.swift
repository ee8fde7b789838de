/// A band of a picture that looks like a line of text, in that picture's pixels.
struct TextLineBox: Sendable, Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    /// How tall the letters are: the box's height for a level line, the mean height of
    /// its columns for a tilted one (whose box is taller than its letters).
    var thickness: Double
    /// Whether the band was line-shaped as found, rather than only once clutter was cut
    /// off it; only whole lines count towards `TextLikelihood`, since cutting makes
    /// ragged texture look like lines too.
    var isWhole = true
    /// Whether `TextLikelihood` saw a row of letters in it (`LetterRow`), at the scale
    /// it was found at.
    var showsLetters = false
    /// Whether `TextLikelihood` counts it as a line of text: long and wide enough on its
    /// own, or showing letters.
    var isLikely = false

    /// How many letter heights long the line is: words and sentences are long, the
    /// streaks texture leaves are short.
    var elongation: Double { width / thickness }

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var area: Double { width * height }

    /// This box in a picture `factor` times the size.
    func scaled(by factor: Double) -> TextLineBox {
        TextLineBox(
            x: x * factor, y: y * factor, width: width * factor, height: height * factor, thickness: thickness * factor,
            isWhole: isWhole, showsLetters: showsLetters, isLikely: isLikely)
    }

    /// The area this box shares with `other`.
    func overlap(_ other: TextLineBox) -> Double {
        let width = min(maxX, other.maxX) - max(x, other.x)
        let height = min(maxY, other.maxY) - max(y, other.y)
        return width > 0 && height > 0 ? width * height : 0
    }
}
