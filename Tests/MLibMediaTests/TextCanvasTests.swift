import Testing

@testable import MLibMedia

struct TextCanvasTests {
    /// A histogram with `parts` of (brightness, pixel count).
    static func histogram(_ parts: [(Int, Int)]) -> ([Int], Int) {
        var histogram = [Int](repeating: 0, count: 256)
        for (value, count) in parts { histogram[value] += count }
        return (histogram, parts.reduce(0) { $0 + $1.1 })
    }

    @Test("dark print on paper is dark ink, light print on a dark poster light ink")
    func polarity() throws {
        let (paper, paperCount) = Self.histogram([(245, 800), (30, 200)])
        let dark = try #require(TextCanvas.Ink(histogram: paper, count: paperCount))
        #expect(dark.dark && dark.contains(30) && !dark.contains(245))
        let (poster, posterCount) = Self.histogram([(40, 700), (230, 300)])
        let light = try #require(TextCanvas.Ink(histogram: poster, count: posterCount))
        #expect(!light.dark && light.contains(230) && !light.contains(40))
    }

    @Test("outlined captions are read by their fill, not their outline")
    func outlinedCaption() throws {
        // A photo (mid grey), white letters, and a black outline around them that covers more.
        let (caption, count) = Self.histogram([(120, 500), (140, 300), (0, 260), (255, 200)])
        let ink = try #require(TextCanvas.Ink(histogram: caption, count: count))
        #expect(ink.contains(255) && !ink.contains(0) && !ink.contains(140))
    }

    @Test("a flat patch holds no print")
    func flat() {
        let (flat, count) = Self.histogram([(128, 900), (150, 100)])
        #expect(TextCanvas.Ink(histogram: flat, count: count) == nil)
    }

    @Test("a hairline through thick letters is removed, the letters kept")
    func hairline() {
        let width = 60
        let height = 40
        var ink = [Bool](repeating: false, count: width * height)
        for y in 5..<35 {
            for x in 10..<22 { ink[y * width + x] = true }  // a 12-pixel stem
            for x in 34..<46 { ink[y * width + x] = true }
        }
        for x in 0..<width { ink[20 * width + x] = true }  // a 1-pixel rule across
        var opened = ink
        TextCanvas.removeThinStrokes(&opened, width: width, height: height)
        #expect(!opened[20 * width + 2] && !opened[20 * width + 28] && !opened[20 * width + 55])
        #expect(opened[20 * width + 15] && opened[10 * width + 40] && opened[30 * width + 12])
    }
}
