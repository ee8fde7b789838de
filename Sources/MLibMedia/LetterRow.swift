/// The letter shapes in a band `TextLineFinder` found: blobs of one brightness, about
/// as tall as the band, standing on one baseline (or hanging from one top line), side
/// by side, made of strokes — what a word on a sign shows and what texture does not.
///
/// `TextLikelihood` trusts a long band on its own; a short one (a single word) or one
/// that had clutter cut off it (a sign's frame joined to a brick wall) counts only
/// when it shows such a row of letters, and `TextCanvas` reads such lines on their own.
/// It is looked at on the scale the band was found at, where texture is least like
/// print (enlarged for reading, grass blades pass for strokes).
///
/// The band's box, widened a little, is split in two at Otsu's threshold; each side in
/// turn is taken as ink and its 8-connected blobs are looked at. Blobs touching the
/// widened box are background (the sign's plate, the wall), not letters. In 33 photos
/// without text (scikit-image's and scikit-learn's samples, the OCR benchmark's
/// photos), none of the 128 bands too short to count on their own shows such a row;
/// the words on signs in 10 pictures made to test this all do.
struct LetterRow: Sendable, Hashable {
    /// How many blobs are letter-shaped and aligned.
    var letters = 0
    /// From the first letter to the last, in letter heights.
    var span = 0.0
    /// The share of the row's length the letters cover (the rest is the gaps between them).
    var coverage = 0.0
    /// The share of the ink inside the letters' rows that belongs to the letters:
    /// print is clean, texture leaves specks and fragments about.
    var cleanliness = 0.0
    /// How well one threshold splits the box in two (Otsu's between-class share of
    /// the variance, 0–1): print is two-tone, texture a spread of greys.
    var separation = 0.0
    /// The difference between the means of the two sides, 0–255.
    var contrast = 0

    /// Whether the band shows a row of at least `minimumLetters` aligned letters,
    /// `minimumSpan` letter heights long, close together, cleanly two-tone. Three blobs
    /// must stand closer than more: three spread apart are as often stars or rivets.
    var isPrint: Bool {
        letters >= Self.minimumLetters && span >= Self.minimumSpan
            && coverage >= (letters == Self.minimumLetters ? 0.7 : 0.45) && cleanliness >= 0.8
            && separation >= 0.75 && contrast >= 70
    }

    static let minimumLetters = 3
    static let minimumSpan = 2.5

    private struct Blob {
        var minX = Int.max
        var maxX = Int.min
        var minY = Int.max
        var maxY = Int.min
        var count = 0
        var touchesBorder = false

        var width: Int { maxX - minX + 1 }
        var height: Int { maxY - minY + 1 }
    }

    /// Looks for letters in `line` (in `gray`'s pixels).
    init(_ gray: GrayImage, line: TextLineBox) {
        let thickness = line.thickness
        let x0 = max(0, Int((line.x - 0.5 * thickness).rounded(.down)))
        let x1 = min(gray.width, Int((line.maxX + 0.5 * thickness).rounded(.up)))
        let y0 = max(0, Int((line.y - 0.3 * thickness).rounded(.down)))
        let y1 = min(gray.height, Int((line.maxY + 0.3 * thickness).rounded(.up)))
        let width = x1 - x0
        let height = y1 - y0
        guard width >= 8, height >= 6 else { return }
        var region = [UInt8](repeating: 0, count: width * height)
        var histogram = [Int](repeating: 0, count: 256)
        for y in 0..<height {
            for x in 0..<width {
                let value = gray.pixels[(y0 + y) * gray.width + x0 + x]
                region[y * width + x] = value
                histogram[Int(value)] += 1
            }
        }
        guard let split = Self.otsu(histogram, count: width * height) else { return }
        separation = split.separation
        contrast = split.contrast
        for light in [true, false] {
            var row = Self.letters(in: region, width: width, height: height, thickness: thickness) {
                light ? $0 > split.threshold : $0 <= split.threshold
            }
            row.separation = separation
            row.contrast = contrast
            if (row.letters, row.cleanliness) > (letters, cleanliness) { self = row }
        }
    }

    private init() {}

    /// The row of letters in `region` when `isInk` picks the ink.
    private static func letters(
        in region: [UInt8], width: Int, height: Int, thickness: Double, isInk: (UInt8) -> Bool
    ) -> LetterRow {
        var labels = [Int32](repeating: -1, count: width * height)
        var blobs: [Blob] = []
        var stack: [Int] = []
        for start in 0..<(width * height) where labels[start] < 0 && isInk(region[start]) {
            let label = Int32(blobs.count)
            var blob = Blob()
            labels[start] = label
            stack.append(start)
            while let index = stack.popLast() {
                let x = index % width
                let y = index / width
                blob.minX = min(blob.minX, x)
                blob.maxX = max(blob.maxX, x)
                blob.minY = min(blob.minY, y)
                blob.maxY = max(blob.maxY, y)
                blob.count += 1
                if x == 0 || y == 0 || x == width - 1 || y == height - 1 { blob.touchesBorder = true }
                for ny in max(0, y - 1)...min(height - 1, y + 1) {
                    for nx in max(0, x - 1)...min(width - 1, x + 1) {
                        let neighbour = ny * width + nx
                        guard labels[neighbour] < 0, isInk(region[neighbour]) else { continue }
                        labels[neighbour] = label
                        stack.append(neighbour)
                    }
                }
            }
            blobs.append(blob)
        }
        // Letter-shaped: about the band's height, not much wider than tall (two letters
        // touching at most), and strokes rather than a solid patch.
        let shaped = blobs.filter { blob in
            let h = Double(blob.height)
            return !blob.touchesBorder && h >= 0.4 * thickness && h <= 1.6 * thickness && h >= 4
                && Double(blob.width) <= 2.2 * h && Double(blob.count) <= 0.85 * Double(blob.width * blob.height)
        }
        guard shaped.count >= minimumLetters else { return LetterRow() }
        // A tilted sign's letters stand on a sloping baseline: measure along it.
        let slope = Self.slope(of: shaped)
        let centre = { (blob: Blob) in Double(blob.minX + blob.maxX) / 2 }
        let bottoms = shaped.map { Double($0.maxY) - slope * centre($0) }.sorted()
        let tops = shaped.map { Double($0.minY) - slope * centre($0) }.sorted()
        let heights = shaped.map(\.height).sorted()
        let bottom = bottoms[bottoms.count / 2]
        let top = tops[tops.count / 2]
        let letterHeight = Double(heights[heights.count / 2])
        let tolerance = max(1.5, 0.15 * letterHeight)
        let aligned = shaped.filter { blob in
            let h = Double(blob.height)
            guard h >= 0.6 * letterHeight, h <= 1.5 * letterHeight else { return false }
            return abs(Double(blob.maxY) - slope * centre(blob) - bottom) <= tolerance
                || abs(Double(blob.minY) - slope * centre(blob) - top) <= tolerance
        }.sorted { $0.minX < $1.minX }
        guard let first = aligned.first, let last = aligned.last else { return LetterRow() }
        var row = LetterRow()
        row.letters = aligned.count
        let length = Double(last.maxX - first.minX + 1)
        row.span = length / letterHeight
        // Columns covered by a letter (overlapping letters count once).
        var covered = 0
        var reach = Int.min
        for blob in aligned {
            let start = max(blob.minX, reach + 1)
            if blob.maxX >= start { covered += blob.maxX - start + 1 }
            reach = max(reach, blob.maxX)
        }
        row.coverage = Double(covered) / length
        // Ink in the letters' box that is not theirs.
        let rowTop = aligned.map(\.minY).min() ?? 0
        let rowBottom = aligned.map(\.maxY).max() ?? 0
        let letterInk = aligned.reduce(0) { $0 + $1.count }
        var allInk = 0
        for y in rowTop...rowBottom {
            for x in first.minX...last.maxX where isInk(region[y * width + x]) { allInk += 1 }
        }
        row.cleanliness = Double(letterInk) / Double(max(1, allInk))
        return row
    }

    /// The slope of the line the blobs' feet stand on: the median of the slopes between
    /// pairs of them (Theil–Sen, which letters with descenders do not pull), at most
    /// 0.25 either way (a line steeper than 14° is not looked for).
    private static func slope(of blobs: [Blob]) -> Double {
        // A few dozen blobs, evenly picked, are plenty and keep texture cheap.
        let step = max(1, blobs.count / 40)
        let picked = stride(from: 0, to: blobs.count, by: step).map { blobs[$0] }
        var slopes: [Double] = []
        for (index, first) in picked.enumerated() {
            for second in picked[(index + 1)...] {
                let run = Double(second.minX + second.maxX - first.minX - first.maxX) / 2
                guard abs(run) >= Double(max(first.height, second.height)) else { continue }
                slopes.append(Double(second.maxY - first.maxY) / run)
            }
        }
        guard !slopes.isEmpty else { return 0 }
        slopes.sort()
        return max(-0.25, min(0.25, slopes[slopes.count / 2]))
    }

    /// Otsu's threshold of a histogram (values at or below it are one side), with the
    /// share of the variance the split explains and the distance between the sides' means.
    private static func otsu(_ histogram: [Int], count: Int) -> (threshold: Int, separation: Double, contrast: Int)? {
        let total = Double(count)
        var sum = 0.0
        var squares = 0.0
        for (value, number) in histogram.enumerated() {
            sum += Double(value * number)
            squares += Double(value * value * number)
        }
        let mean = sum / total
        let variance = squares / total - mean * mean
        guard variance > 1 else { return nil }
        var best = (threshold: 0, between: -1.0, contrast: 0)
        var lowCount = 0.0
        var lowSum = 0.0
        for value in 0..<255 {
            lowCount += Double(histogram[value])
            lowSum += Double(value * histogram[value])
            let highCount = total - lowCount
            guard lowCount > 0, highCount > 0 else { continue }
            let lowMean = lowSum / lowCount
            let highMean = (sum - lowSum) / highCount
            let between = lowCount * highCount * (highMean - lowMean) * (highMean - lowMean) / (total * total)
            if between > best.between { best = (value, between, Int((highMean - lowMean).rounded())) }
        }
        return (best.threshold, best.between / variance, best.contrast)
    }
}
