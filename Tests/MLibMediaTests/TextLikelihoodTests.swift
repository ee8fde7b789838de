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

    @Test("a single word on a sign, and a framed street sign on gravel, look like text", arguments: TextRecognizerTests.signs)
    func signsAreLikely(name: String) throws {
        let likelihood = TextLikelihood.measure(try OCRFixtures.picture(name))
        #expect(likelihood.isLikely, "\(name): score \(likelihood.score)")
    }

    @Test("a row of letters is print; a row of bricks, or noise, is not")
    func letterRow() {
        // Five H-shaped letters, 20 pixels tall with 4-pixel strokes, 6 pixels apart, white on blue-grey.
        var letters = GrayImage(width: 160, height: 40, pixels: [UInt8](repeating: 60, count: 160 * 40))
        for letter in 0..<5 {
            let left = 20 + letter * 24
            Self.fill(&letters, x: left..<(left + 4), y: 10..<30)
            Self.fill(&letters, x: (left + 14)..<(left + 18), y: 10..<30)
            Self.fill(&letters, x: (left + 4)..<(left + 14), y: 18..<22)
        }
        let band = TextLineBox(x: 20, y: 10, width: 114, height: 20, thickness: 20)
        let row = LetterRow(letters, line: band)
        #expect(row.isPrint, "\(row)")
        #expect(row.letters == 5)

        // Solid bricks of the same height, side by side: no strokes.
        var bricks = GrayImage(width: 160, height: 40, pixels: [UInt8](repeating: 60, count: 160 * 40))
        for brick in 0..<5 { Self.fill(&bricks, x: (20 + brick * 24)..<(38 + brick * 24), y: 10..<30) }
        #expect(!LetterRow(bricks, line: band).isPrint)

        // Noise: no two-tone split, no aligned blobs.
        var generator = SystemRandomNumberGenerator()
        let noise = GrayImage(width: 160, height: 40, pixels: (0..<(160 * 40)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(!LetterRow(noise, line: band).isPrint)
    }

    /// Paints a rectangle of `image` white.
    static func fill(_ image: inout GrayImage, x: Range<Int>, y: Range<Int>) {
        for row in y {
            for column in x { image.pixels[row * image.width + column] = 230 }
        }
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
