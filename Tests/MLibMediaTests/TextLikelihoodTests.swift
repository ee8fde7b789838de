import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct TextLikelihoodTests {
    @Test("posters, signs, screenshots and captions look like text", arguments: OCRFixtures.textPictures)
    func textIsLikely(name: String) throws {
        let likelihood = TextLikelihood.measure(try OCRFixtures.picture(name))
        #expect(likelihood.isLikely, "\(name): score \(likelihood.score)")
    }

    @Test("photos without text do not", arguments: OCRFixtures.photos)
    func photosAreNot(name: String) throws {
        let likelihood = TextLikelihood.measure(try OCRFixtures.picture(name))
        #expect(!likelihood.isLikely, "\(name): score \(likelihood.score), \(likelihood.lineCount) lines")
    }

    @Test("text is found at half and at twice its size")
    func scale() throws {
        let screenshot = try OCRFixtures.picture("screenshot.png")
        let poster = try OCRFixtures.picture("poster.png")
        #expect(TextLikelihood.measure(Self.resized(screenshot, to: 0.75)).isLikely)
        #expect(TextLikelihood.measure(Self.resized(poster, to: 0.5)).isLikely)
        #expect(TextLikelihood.measure(TextRecognizerTests.enlarged(poster, by: 2)).isLikely)
    }

    @Test("the lines found cover the caption and lie inside the picture")
    func captionLine() throws {
        let caption = try OCRFixtures.picture("caption.jpg")
        let likelihood = TextLikelihood.measure(caption)
        // make.py draws the caption at x 40, y 840, 30-pixel type.
        #expect(likelihood.lines.contains { $0.y < 850 && $0.maxY > 860 && $0.x < 60 && $0.width > 500 })
        for line in likelihood.lines {
            #expect(line.x >= 0 && line.y >= 0 && line.maxX <= Double(caption.width) && line.maxY <= Double(caption.height))
        }
    }

    @Test("blank, tiny and flat pictures show no text")
    func degenerate() {
        for picture in [
            RGBImage(width: 1, height: 1, filledWith: (0, 0, 0)),
            RGBImage(width: 640, height: 480, filledWith: (250, 250, 250)),
            RGBImage(width: 5_000, height: 2, filledWith: (10, 200, 30)),
        ] {
            let likelihood = TextLikelihood.measure(picture)
            #expect(!likelihood.isLikely)
            #expect(likelihood.score == 0)
        }
    }

    /// `picture` scaled by `factor` (< 1), through the same grey shrinking the finder uses, back in RGB.
    static func resized(_ picture: RGBImage, to factor: Double) -> RGBImage {
        let gray = GrayImage(picture, scale: factor)
        return RGBImage(width: gray.width, height: gray.height, pixels: gray.pixels.flatMap { [$0, $0, $0] })
    }
}
