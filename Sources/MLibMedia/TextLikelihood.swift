public import MLibCore

/// A quick guess whether a picture shows text, for deciding whether OCR is worth its
/// cost (`OCRMode.auto`).
///
/// The picture is looked at in grey at three scales (its longer side at most
/// `workingSide`, then half, then a quarter, for small print up to poster titles), and
/// `TextLineFinder` looks for bands that are lines of text. A picture is likely to
/// hold text when at least one band is `likelyElongation` letter heights long or more:
/// a short word alone can be missed, but lines of a few words, captions, signs and
/// screens are not, while photos of people, food, animals or buildings rarely make
/// such a band. Measured on 60 synthetic pictures with text and 60 crops of photos
/// without (see bench/ocr.sh): 85% and 35% pass, the latter mostly close-ups of
/// grass and gravel, and about 10 ms for a 12-megapixel photo (release build).
public struct TextLikelihood: Sendable, Hashable {
    /// The longer side of the largest scale looked at, in pixels.
    public static let workingSide = 768
    /// How long, in letter heights, a band must be to count as a line of text.
    public static let likelyElongation = 5.0

    /// The length in letter heights of the most line-like band found (0 when none).
    public let score: Double
    /// How many bands long enough to be lines of text were found.
    public let lineCount: Int
    /// Every band that may be text, in the picture's own pixels, weaker ones included:
    /// OCR reads these.
    let lines: [TextLineBox]

    /// Whether the picture probably shows text.
    public var isLikely: Bool { lineCount > 0 }

    /// The narrowest a line may be, in pixels of the scale it was found at, to count:
    /// shorter ones are a few letters too small to read, or, far more often, texture.
    static let likelyWidth = 40.0

    init(lines: [TextLineBox], strong: [TextLineBox]) {
        self.lines = lines
        lineCount = strong.count
        score = lines.map(\.elongation).max() ?? 0
    }

    /// Looks for lines of text in `image`.
    public static func measure(_ image: RGBImage) -> TextLikelihood {
        let longer = max(image.width, image.height)
        let scale = min(1, Double(workingSide) / Double(longer))
        var level = GrayImage(image, scale: scale)
        var factor = Double(longer) / Double(max(level.width, level.height))
        var found: [TextLineBox] = []
        var strong: [TextLineBox] = []
        for _ in 0..<3 {
            guard min(level.width, level.height) >= 16 else { break }
            for line in TextLineFinder.lines(in: level) {
                found.append(line.scaled(by: factor))
                if line.isWhole, line.elongation >= likelyElongation, line.width >= likelyWidth { strong.append(line.scaled(by: factor)) }
            }
            level = level.halved()
            factor *= 2
        }
        return TextLikelihood(lines: distinct(found), strong: distinct(strong))
    }

    /// `lines` without those mostly inside a more line-like one (the same line seen at
    /// two scales).
    static func distinct(_ lines: [TextLineBox]) -> [TextLineBox] {
        var kept: [TextLineBox] = []
        for line in lines.sorted(by: { $0.elongation > $1.elongation }) {
            if kept.contains(where: { $0.overlap(line) > 0.5 * line.area }) { continue }
            kept.append(line)
        }
        return kept
    }
}
