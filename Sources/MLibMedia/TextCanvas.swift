/// The lines `TextLineFinder` found, cut out and redrawn as black letters on white for
/// Tesseract: a line that is surely print on a page of its own, the bands that may as
/// well be texture together on one.
///
/// Tesseract reads dark print on light paper best; a photo behind a sign, white
/// letters on a coloured poster or a caption outlined in black confuse its own
/// thresholding and layout analysis and come out as garbage or not at all. Here each
/// line decides alone which of its two extremes is ink (the one farther from its
/// median, which is the background; or, when both are as far, the rarer one — the
/// fill of outlined letters rather than their outline), and only pixels past the
/// midpoint between ink and background are painted, without what cannot be its
/// letters (`removeThinStrokes`, `removeClutter`). A line that is surely print is read
/// on a page of its own, because Tesseract's layout analysis of a whole page is
/// fragile: a few specks of texture elsewhere on it are enough for it to call a page
/// with a clean sign on it empty. Bands that may be texture share a page, where that
/// same analysis drops most of them (read alone, each would be read as some word).
enum TextCanvas {
    /// Letters of a line read alone are enlarged to at least this height in pixels:
    /// Tesseract is surer of small print (a screen's 11-pixel type) seen larger.
    static let letterHeight = 24.0

    /// One line, cut out of the picture.
    struct Line: Sendable {
        /// Where the line's pixels were taken from, in the picture's pixels.
        var box: TextLineBox
        /// The grey pixels of the line and its margins.
        var region: GrayImage
        /// Which of them are ink.
        var ink: Ink
        /// The line's letter height, in pixels.
        var thickness: Double
        /// Where in `region` the finder's band was (the rest is margin).
        var band: TextLineBox
        /// Whether `TextLikelihood` counted the band as a line of text and it was
        /// line-shaped as found, not only once clutter was cut off it.
        var isLong: Bool
        /// Whether `TextLikelihood` saw a row of letters in it (`LetterRow`).
        var showsLetters: Bool

        /// Whether the line is surely print, to be read alone, rather than a band that
        /// may as well be texture: a long band line-shaped as found, or a row of letters.
        var isPrint: Bool { isLong || showsLetters }

        /// The line on a page of its own: black ink on white with a white border, its
        /// letters enlarged to at least `letterHeight` (at most 3×), its ink as decided
        /// or, `inverted`, the other extreme (for a line that reads as nothing the first
        /// way); nil when that leaves no ink.
        func page(inverted: Bool = false) -> GrayImage? {
            let factor = min(3, max(1, TextCanvas.letterHeight / thickness))
            let source =
                factor > 1.05
                ? region.resampled(
                    width: Int((Double(region.width) * factor).rounded()), height: Int((Double(region.height) * factor).rounded()))
                : region
            guard let mask = mask(source, inverted: inverted) else { return nil }
            let width = source.width
            let height = source.height
            let border = max(10, Int(thickness * factor / 2))
            let pageWidth = width + 2 * border
            var pixels = [UInt8](repeating: 255, count: pageWidth * (height + 2 * border))
            for y in 0..<height {
                for x in 0..<width where mask[y * width + x] { pixels[(y + border) * pageWidth + x + border] = 0 }
            }
            return GrayImage(width: pageWidth, height: height + 2 * border, pixels: pixels)
        }

        /// Which pixels of `source` (the region, perhaps enlarged) are ink, clutter
        /// removed; nil when none are.
        func mask(_ source: GrayImage, inverted: Bool = false) -> [Bool]? {
            let chosen = inverted ? ink.inverted : ink
            let factor = Double(source.width) / Double(region.width)
            var mask = source.pixels.map(chosen.contains)
            removeThinStrokes(&mask, width: source.width, height: source.height)
            removeClutter(
                &mask, width: source.width, height: source.height, thickness: thickness * factor,
                band: band.scaled(by: factor))
            return mask.contains(true) ? mask : nil
        }
    }

    /// One page of `width` × `height` with every one of `lines` drawn where it was cut
    /// from, or nil when none has ink: for bands that may as well be texture.
    static func page(of lines: [Line], width: Int, height: Int) -> GrayImage? {
        var pixels = [UInt8](repeating: 255, count: width * height)
        var anything = false
        for line in lines {
            guard let mask = line.mask(line.region) else { continue }
            let x0 = Int(line.box.x)
            let y0 = Int(line.box.y)
            for y in 0..<line.region.height {
                for x in 0..<line.region.width {
                    if mask[y * line.region.width + x] { pixels[(y0 + y) * width + x0 + x] = 0 }
                }
            }
            anything = true
        }
        return anything ? GrayImage(width: width, height: height, pixels: pixels) : nil
    }

    /// The `lines` (in `gray`'s pixels) of `gray` that have enough contrast to be print,
    /// in reading order: top to bottom, and left to right along a row.
    static func lines(_ gray: GrayImage, lines: [TextLineBox]) -> [Line] {
        let width = gray.width
        let height = gray.height
        var taken = [Bool](repeating: false, count: width * height)
        var cut: [Line] = []
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
            var pixels: [UInt8] = []
            pixels.reserveCapacity((x1 - x0) * (y1 - y0))
            for y in y0..<y1 {
                for x in x0..<x1 {
                    if taken[y * width + x] { covered += 1 }
                    let value = gray.pixels[y * width + x]
                    histogram[Int(value)] += 1
                    pixels.append(value)
                }
            }
            let count = (x1 - x0) * (y1 - y0)
            if covered * 10 > count * 7 { continue }  // the same line, found at another scale
            guard let ink = Ink(histogram: histogram, count: count) else { continue }
            for y in y0..<y1 {
                for x in x0..<x1 { taken[y * width + x] = true }
            }
            let box = TextLineBox(
                x: Double(x0), y: Double(y0), width: Double(x1 - x0), height: Double(y1 - y0), thickness: line.thickness)
            cut.append(
                Line(
                    box: box, region: GrayImage(width: x1 - x0, height: y1 - y0, pixels: pixels), ink: ink,
                    thickness: line.thickness,
                    band: TextLineBox(
                        x: line.x - Double(x0), y: line.y - Double(y0), width: line.width, height: line.height,
                        thickness: line.thickness),
                    isLong: line.isWhole && line.isLikely,
                    showsLetters: line.showsLetters))
        }
        return readingOrder(cut)
    }

    /// `lines` top to bottom, those side by side (centres within half a letter height
    /// of the row's first) left to right.
    static func readingOrder(_ lines: [Line]) -> [Line] {
        let centre = { (line: Line) in line.box.y + line.box.height / 2 }
        var rows: [[Line]] = []
        for line in lines.sorted(by: { centre($0) < centre($1) }) {
            if let first = rows.last?.first, centre(line) - centre(first) <= 0.5 * min(first.thickness, line.thickness) {
                rows[rows.count - 1].append(line)
            } else {
                rows.append([line])
            }
        }
        return rows.flatMap { $0.sorted { $0.box.x < $1.box.x } }
    }

    /// Which brightness counts as ink in one line.
    struct Ink: Sendable, Hashable {
        var dark: Bool
        var threshold: Int
        /// The threshold the other extreme would have as ink.
        var otherThreshold: Int

        /// The other extreme as ink.
        var inverted: Ink { Ink(dark: !dark, threshold: otherThreshold, otherThreshold: threshold) }

        init(dark: Bool, threshold: Int, otherThreshold: Int) {
            self.dark = dark
            self.threshold = threshold
            self.otherThreshold = otherThreshold
        }

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
            otherThreshold = dark ? lightThreshold : darkThreshold
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
                        thickness: max(a.thickness, b.thickness), isWhole: a.isWhole && b.isWhole,
                        showsLetters: a.showsLetters || b.showsLetters, isLikely: a.isLikely || b.isLikely)
                    boxes.remove(at: second)
                    joined = true
                    break search
                }
            }
        }
        return boxes
    }
}
