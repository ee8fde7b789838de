public import MLibCore

/// A quick guess whether a picture shows text, for deciding whether OCR is worth its
/// cost (`OCRMode.auto`).
///
/// The picture is looked at in grey at three scales (its longer side at most
/// `workingSide`, then half, then a quarter, for small print up to poster titles), and
/// `TextLineFinder` looks for bands that are lines of text. A picture is likely to
/// hold text when at least one band is `likelyElongation` letter heights long or more
/// (and `likelyWidth` pixels wide at its scale): a short word alone can be missed, but
/// lines of a few words, captions, signs and screens are not, while photos of people,
/// food, animals, buildings or sky rarely make such a band.
///
/// Measured with `bench/ocr.sh` (16 pictures of each kind, release build, 2 shared
/// cores): every screenshot and 12 of 16 posters, signs and captions pass, no photo
/// does; it costs 13–18 ms on a 6-megapixel photo, most of it shrinking the picture,
/// against ~200 ms to OCR it. Close-ups of grass and gravel, the textures most like
/// print, often pass (OCR then finds no credible words in them).
public struct TextLikelihood: Sendable, Hashable {
    /// The longer side of the largest scale looked at, in pixels.
    public static let workingSide = 768
    /// How long, in letter heights, a band must be to count as a line of text.
    public static let likelyElongation = 5.0
    /// How long a band must be to count when clutter had to be cut off it first (which
    /// can make ragged texture look like a short line, never like a long one).
    static let likelyCutElongation = 10.0
    /// The narrowest a line may be, in pixels of the scale it was found at, to count:
    /// shorter ones are a few letters too small to read, or, far more often, texture.
    static let likelyWidth = 40.0

    /// The length in letter heights of the most line-like band found (0 when none).
    public let score: Double
    /// How many bands long enough to be lines of text were found.
    public let lineCount: Int
    /// Every band that may be text, in the picture's own pixels, weaker ones included:
    /// OCR reads these.
    let lines: [TextLineBox]

    /// Whether the picture probably shows text.
    public var isLikely: Bool { lineCount > 0 }

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
                let long = line.elongation >= (line.isWhole ? likelyElongation : likelyCutElongation)
                if long, line.width >= likelyWidth { strong.append(line.scaled(by: factor)) }
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
