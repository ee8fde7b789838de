public import MLibCore

/// A quick guess whether a picture shows text, for deciding whether OCR is worth its
/// cost (`OCRMode.auto`).
///
/// The picture is looked at in grey at three scales (its longer side at most
/// `workingSide`, then half, then a quarter, for small print up to poster titles), and
/// `TextLineFinder` looks for bands that are lines of text. A picture is likely to
/// hold text when at least one band is `likelyElongation` letter heights long or more
/// (and `likelyWidth` pixels wide at its scale), or is shorter — a single word on a
/// sign, or a sign whose frame joined it to a busy wall — but shows a clean row of
/// letters (`LetterRow`: blobs of one brightness as tall as the band, on one baseline,
/// made of strokes). Lines of a few words, captions, signs and screens make such bands;
/// photos of people, food, animals, buildings or sky rarely make a long band, and
/// their short ones show no row of letters.
///
/// Measured with `bench/ocr.sh` (16 pictures of each kind, release build, 2 shared
/// cores): every screenshot and 15 of 16 posters, signs and captions pass (12 when
/// only long bands counted), no photo does; it costs 15–16 ms on a 6-megapixel photo,
/// most of it shrinking the picture, against about 120 ms to OCR it. Close-ups of grass and gravel, the textures most like
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
    /// The narrowest a band may be to count when it shows a row of letters: three
    /// letters six pixels tall.
    static let likelyWordWidth = 24.0

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
            for var line in TextLineFinder.lines(in: level) {
                line.showsLetters = line.width >= likelyWordWidth && LetterRow(level, line: line).isPrint
                line.isLikely = isLikelyLine(line)
                found.append(line.scaled(by: factor))
                if line.isLikely { strong.append(line.scaled(by: factor)) }
            }
            level = level.halved()
            factor *= 2
        }
        return TextLikelihood(lines: distinct(found), strong: distinct(strong))
    }

    /// Whether `line` counts as a line of text: long enough on its own, or shorter (a
    /// single word, or a sign whose frame had to be cut from the wall around it) but
    /// showing a clean row of letters, which texture does not.
    static func isLikelyLine(_ line: TextLineBox) -> Bool {
        let long = line.elongation >= (line.isWhole ? likelyElongation : likelyCutElongation)
        return (long && line.width >= likelyWidth) || line.showsLetters
    }

    /// `lines` without those mostly inside a more line-like one (the same line seen at
    /// two scales), which shows letters, or is likely text, when either was.
    static func distinct(_ lines: [TextLineBox]) -> [TextLineBox] {
        var kept: [TextLineBox] = []
        for line in lines.sorted(by: { $0.elongation > $1.elongation }) {
            if let same = kept.firstIndex(where: { $0.overlap(line) > 0.5 * line.area }) {
                kept[same].showsLetters = kept[same].showsLetters || line.showsLetters
                kept[same].isLikely = kept[same].isLikely || line.isLikely
                continue
            }
            kept.append(line)
        }
        return kept
    }
}
