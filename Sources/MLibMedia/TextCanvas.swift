/// The page Tesseract reads: every line `TextLineFinder` found, turned into black
/// letters on white, on an otherwise white page.
///
/// Tesseract reads dark print on light paper best; a photo behind a sign, white
/// letters on a coloured poster or a caption outlined in black confuse its own
/// thresholding and layout analysis and come out as garbage or not at all. Here each
/// line decides alone which of its two extremes is ink (the one farther from its
/// median, which is the background; or, when both are as far, the rarer one — the
/// fill of outlined letters rather than their outline), and only pixels past the
/// midpoint between ink and background are painted. Everything outside the lines
/// is blank, so clutter costs Tesseract nothing.
enum TextCanvas {
    /// A page with the `lines` (in `gray`'s pixels) of `gray`, or nil when none has
    /// enough contrast to be print.
    static func make(_ gray: GrayImage, lines: [TextLineBox]) -> GrayImage? {
        let width = gray.width
        let height = gray.height
        var canvas = [UInt8](repeating: 255, count: width * height)
        var painted = [Bool](repeating: false, count: width * height)
        var anything = false
        for line in merged(lines).sorted(by: { $0.area > $1.area }) {
            let margin = line.thickness
            // Wide at the ends: a band often stops a letter short of its line.
            let x0 = max(0, Int((line.x - margin).rounded(.down)))
            let x1 = min(width, Int((line.maxX + margin).rounded(.up)))
            let y0 = max(0, Int((line.y - 0.4 * margin).rounded(.down)))
            let y1 = min(height, Int((line.maxY + 0.4 * margin).rounded(.up)))
            guard x1 - x0 >= 4, y1 - y0 >= 4 else { continue }
            var covered = 0
            var histogram = [Int](repeating: 0, count: 256)
            for y in y0..<y1 {
                for x in x0..<x1 {
                    if painted[y * width + x] { covered += 1 }
                    histogram[Int(gray.pixels[y * width + x])] += 1
                }
            }
            let count = (x1 - x0) * (y1 - y0)
            if covered * 10 > count * 7 { continue }  // the same line, found at another scale
            guard let ink = Ink(histogram: histogram, count: count) else { continue }
            let boxWidth = x1 - x0
            var mask = [Bool](repeating: false, count: count)
            for y in y0..<y1 {
                for x in x0..<x1 { mask[(y - y0) * boxWidth + x - x0] = ink.contains(gray.pixels[y * width + x]) }
            }
            removeThinStrokes(&mask, width: boxWidth, height: y1 - y0)
            for y in y0..<y1 {
                for x in x0..<x1 {
                    if mask[(y - y0) * boxWidth + x - x0] { canvas[y * width + x] = 0 }
                    painted[y * width + x] = true
                }
            }
            anything = true
        }
        return anything ? GrayImage(width: width, height: height, pixels: canvas) : nil
    }

    /// Which brightness counts as ink in one line.
    struct Ink {
        var dark: Bool
        var threshold: Int

        /// Decides from the line's histogram; nil when it is too flat to hold print.
        init?(histogram: [Int], count: Int) {
            func percentile(_ fraction: Double) -> Int {
                let target = Int(fraction * Double(count))
                var seen = 0
                for (value, number) in histogram.enumerated() {
                    seen += number
                    if seen > target { return value }
                }
                return 255
            }
            let (p3, p30, p50, p70, p97) = (percentile(0.03), percentile(0.3), percentile(0.5), percentile(0.7), percentile(0.97))
            guard p97 - p3 >= 40 else { return nil }
            let darkThreshold = (p3 + p70) / 2
            let lightThreshold = (p30 + p97) / 2
            let towardsDark = Double(p50 - p3)
            let towardsLight = Double(p97 - p50)
            if towardsDark > 1.5 * towardsLight {
                dark = true
            } else if towardsLight > 1.5 * towardsDark {
                dark = false
            } else {
                let darkPixels = histogram[..<darkThreshold].reduce(0, +)
                let lightPixels = histogram[(lightThreshold + 1)...].reduce(0, +)
                dark = darkPixels <= lightPixels
            }
            threshold = dark ? darkThreshold : lightThreshold
        }

        func contains(_ value: UInt8) -> Bool {
            dark ? Int(value) < threshold : Int(value) > threshold
        }
    }

    /// `lines` with the pieces of one line joined: bands side by side, of similar
    /// height and overlapping vertically (words the finder split, or a line found in
    /// parts at different scales), become one box so it is thresholded as a whole.
    static func merged(_ lines: [TextLineBox]) -> [TextLineBox] {
        var boxes = lines
        var joined = true
        while joined {
            joined = false
            search: for first in boxes.indices {
                for second in boxes.indices where second > first {
                    let a = boxes[first]
                    let b = boxes[second]
                    guard max(a.thickness, b.thickness) <= 1.6 * min(a.thickness, b.thickness) else { continue }
                    let shared = min(a.maxY, b.maxY) - max(a.y, b.y)
                    guard shared >= 0.5 * min(a.height, b.height) else { continue }
                    let gap = max(a.x, b.x) - min(a.maxX, b.maxX)
                    guard gap <= max(a.thickness, b.thickness) else { continue }
                    let x = min(a.x, b.x)
                    let y = min(a.y, b.y)
                    boxes[first] = TextLineBox(
                        x: x, y: y, width: max(a.maxX, b.maxX) - x, height: max(a.maxY, b.maxY) - y,
                        thickness: max(a.thickness, b.thickness))
                    boxes.remove(at: second)
                    joined = true
                    break search
                }
            }
        }
        return boxes
    }
}
