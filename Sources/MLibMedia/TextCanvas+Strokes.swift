extension TextCanvas {
    /// Removes from one line's ink whatever is much thinner than its letters: the
    /// hairline circles, underlines and frame edges a designer draws through a title,
    /// which Tesseract takes for part of the letters.
    ///
    /// The letters' stroke width is the median length of the ink's horizontal runs
    /// (mostly the stems; runs touching the ends of the line are left out); an opening with a square 0.4 times as wide keeps the stems
    /// and drops lines thinner than that. Print under 8 pixels' stroke is left alone.
    static func removeThinStrokes(_ ink: inout [Bool], width: Int, height: Int) {
        var runs: [Int] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                guard ink[y * width + x] else { x += 1; continue }
                let start = x
                while x < width, ink[y * width + x] { x += 1 }
                // What touches the ends lies past the line (a pale wall beside a sign),
                // not its letters, and would make their strokes look wider than they are.
                if start > 0, x < width { runs.append(x - start) }
            }
        }
        guard !runs.isEmpty else { return }
        runs.sort()
        let size = Int(Double(runs[runs.count / 2]) * 0.4)
        guard size >= 3 else { return }
        // An opening: erode then dilate, each as two one-dimensional passes.
        let before = size / 2
        let after = size - 1 - before
        var mask = ink
        for (horizontal, keepAll) in [(true, true), (false, true), (true, false), (false, false)] {
            // Erosion keeps a pixel whose window [x - before, x + after] is all ink;
            // dilation sets one whose mirrored window holds any.
            let (low, high) = keepAll ? (before, after) : (after, before)
            mask = pass(mask, width: width, height: height, horizontal: horizontal, low: low, high: high, all: keepAll)
        }
        ink = mask
    }

    /// One 1-D erosion (`all`) or dilation over rows or columns, with prefix counts.
    private static func pass(
        _ mask: [Bool], width: Int, height: Int, horizontal: Bool, low: Int, high: Int, all: Bool
    ) -> [Bool] {
        let (lines, length) = horizontal ? (height, width) : (width, height)
        var result = [Bool](repeating: false, count: mask.count)
        var prefix = [Int](repeating: 0, count: length + 1)
        for line in 0..<lines {
            let index = { (position: Int) in horizontal ? line * width + position : position * width + line }
            for position in 0..<length { prefix[position + 1] = prefix[position] + (mask[index(position)] ? 1 : 0) }
            for position in 0..<length {
                let start = position - low
                let end = position + high
                let clippedStart = max(0, start)
                let clippedEnd = min(length - 1, end)
                let count = prefix[clippedEnd + 1] - prefix[clippedStart]
                result[index(position)] = all ? (start >= 0 && end < length && count == end - start + 1) : count > 0
            }
        }
        return result
    }
}
