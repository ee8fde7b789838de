/// Finds lines of text in a grey picture by the marks letters leave: rows crossed by
/// many steep left-right changes of brightness, close together, stacked into a band
/// that is long, straight and about as tall everywhere.
///
/// The steps, at one scale:
/// 1. a pixel is an edge where the brightness two pixels apart differs by more than
///    `edgeThreshold` (letters are drawn to be read, so their strokes contrast);
/// 2. gaps of up to `smearGap` pixels between edges in a row are filled, so the
///    strokes of a word merge into one run;
/// 3. runs shorter than `minimumRun` (single vertical edges: poles, window frames,
///    brick joints) and vertical pieces shorter than three rows (lone horizontal
///    edges) are removed;
/// 4. what remains is grouped into connected bands, and a band is a line when it is
///    dense in edges, long for its height, and straight: it fills its box, or, for a
///    tilted line, its columns sit on a straight line with even heights.
///
/// Texture (grass, gravel, fur) also makes edge-dense bands, but short or ragged
/// ones; text makes bands many letter heights long. Letters wider apart than
/// `smearGap` are found at a smaller scale (see `TextLikelihood`).
enum TextLineFinder {
    static let edgeThreshold = 40
    static let smearGap = 8
    static let minimumRun = 5
    static let minimumVerticalRun = 3
    /// Bands this many letter heights long or more are kept as possible lines.
    static let minimumElongation = 2.5

    /// The lines of text in `image`, in its pixels.
    static func lines(in image: GrayImage) -> [TextLineBox] {
        let width = image.width
        let height = image.height
        guard width >= 16, height >= 8 else { return [] }
        var edges = [UInt8](repeating: 0, count: width * height)
        var mask = [UInt8](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { gray in
            edges.withUnsafeMutableBufferPointer { edges in
                mask.withUnsafeMutableBufferPointer { mask in
                    markEdges(gray, edges: edges, mask: mask, width: width, height: height)
                    removeShortRows(mask, width: width, height: height)
                    removeShortColumns(mask, width: width, height: height)
                }
            }
        }
        let bands = Bands(mask: mask, edges: edges, width: width, height: height)
        return bands.components.compactMap { line(from: $0, bands: bands, imageHeight: height) }
    }

    /// Steps 1 and 2: edges, and the smeared runs between them.
    private static func markEdges(
        _ gray: UnsafeBufferPointer<UInt8>, edges: UnsafeMutableBufferPointer<UInt8>,
        mask: UnsafeMutableBufferPointer<UInt8>, width: Int, height: Int
    ) {
        for y in 0..<height {
            let row = y * width
            var lastEdge = -1
            for x in 1..<(width - 1) {
                let difference = Int(gray[row + x + 1]) - Int(gray[row + x - 1])
                guard abs(difference) > edgeThreshold else { continue }
                edges[row + x] = 1
                if lastEdge >= 0, x - lastEdge - 1 <= smearGap {
                    for fill in (lastEdge + 1)..<x { mask[row + fill] = 1 }
                }
                mask[row + x] = 1
                lastEdge = x
            }
        }
    }

    /// Step 3, across: an opening with a 1×`minimumRun` segment, which in one row is
    /// exactly "drop runs shorter than the segment".
    private static func removeShortRows(_ mask: UnsafeMutableBufferPointer<UInt8>, width: Int, height: Int) {
        for y in 0..<height {
            let row = y * width
            var x = 0
            while x < width {
                guard mask[row + x] != 0 else { x += 1; continue }
                let start = x
                while x < width, mask[row + x] != 0 { x += 1 }
                if x - start < minimumRun {
                    for clear in start..<x { mask[row + clear] = 0 }
                }
            }
        }
    }

    /// Step 3, down: the same opening on columns with a `minimumVerticalRun` segment.
    private static func removeShortColumns(_ mask: UnsafeMutableBufferPointer<UInt8>, width: Int, height: Int) {
        for x in 0..<width {
            var y = 0
            while y < height {
                guard mask[y * width + x] != 0 else { y += 1; continue }
                let start = y
                while y < height, mask[y * width + x] != 0 { y += 1 }
                if y - start < minimumVerticalRun {
                    for clear in start..<y { mask[clear * width + x] = 0 }
                }
            }
        }
    }

    /// Step 4: whether a band is a line of text, and its box if so.
    private static func line(from band: Bands.Component, bands: Bands, imageHeight: Int) -> TextLineBox? {
        guard band.maxY - band.minY >= 5, band.maxX - band.minX >= 12 else { return nil }
        // Letters are mostly edges; a smooth gradient smeared into a band is not.
        guard Double(band.edges) >= 0.2 * Double(band.area) else { return nil }
        let core = level(band, bands: bands, imageHeight: imageHeight)
        let line: TextLineBox
        if let core, core.isWhole {
            line = core
        } else if let thickness = tiltedThickness(band, bands: bands, imageHeight: imageHeight) {
            line = TextLineBox(
                x: Double(band.minX), y: Double(band.minY), width: Double(band.maxX - band.minX),
                height: Double(band.maxY - band.minY), thickness: thickness)
        } else if let core {
            line = core
        } else {
            return nil
        }
        return line.elongation >= minimumElongation ? line : nil
    }

    /// The box of a level line: the band's when it fills it; else the rows holding at
    /// least a quarter of the band's fullest row, when they fill theirs (thin clutter
    /// touching the line above or below, a circle drawn through a title, is cut off).
    /// Nil for other bands.
    private static func level(_ band: Bands.Component, bands: Bands, imageHeight: Int) -> TextLineBox? {
        var rows = [Int](repeating: 0, count: band.maxY - band.minY)
        for index in band.runs {
            let run = bands.runs[index]
            rows[run.y - band.minY] += run.end - run.start
        }
        let fullest = rows.max() ?? 0
        guard let top = rows.firstIndex(where: { $0 * 4 >= fullest }),
            let bottom = rows.lastIndex(where: { $0 * 4 >= fullest })
        else { return nil }
        var minX = Int.max
        var maxX = Int.min
        var area = 0
        for index in band.runs {
            let run = bands.runs[index]
            let row = run.y - band.minY
            guard row >= top, row <= bottom else { continue }
            minX = min(minX, run.start)
            maxX = max(maxX, run.end)
            area += run.end - run.start
        }
        let height = bottom - top + 1
        guard height >= 5, maxX > minX, height * 4 <= imageHeight, Double(area) >= 0.6 * Double((maxX - minX) * height) else {
            return nil
        }
        let whole = band.maxY - band.minY
        let filled = height == whole || Double(band.area) >= 0.6 * Double((band.maxX - band.minX) * whole)
        return TextLineBox(
            x: Double(minX), y: Double(band.minY + top), width: Double(maxX - minX), height: Double(height),
            thickness: Double(height), isWhole: filled && whole * 4 <= imageHeight)
    }

    /// The letter height of a band that fills its box poorly because it is tilted, or
    /// nil when it is not a straight, even band (texture, or text crossed by clutter).
    private static func tiltedThickness(_ band: Bands.Component, bands: Bands, imageHeight: Int) -> Double? {
        let width = band.maxX - band.minX
        var counts = [Double](repeating: 0, count: width)
        var sums = [Double](repeating: 0, count: width)
        for index in band.runs {
            let run = bands.runs[index]
            for x in run.start..<run.end {
                counts[x - band.minX] += 1
                sums[x - band.minX] += Double(run.y)
            }
        }
        var xs: [Double] = []
        var centres: [Double] = []
        var heights: [Double] = []
        for column in 0..<width where counts[column] > 0 {
            xs.append(Double(column))
            centres.append(sums[column] / counts[column])
            heights.append(counts[column])
        }
        guard Double(xs.count) >= 0.9 * Double(width) else { return nil }
        let thickness = heights.reduce(0, +) / Double(heights.count)
        guard thickness >= 5, thickness * 4 <= Double(imageHeight) else { return nil }
        let fit = LineFit(xs: xs, ys: centres)
        guard abs(fit.slope) <= 0.25 else { return nil }  // steeper than 14°
        let wobble = fit.residualDeviation(xs: xs, ys: centres)
        let mean = thickness
        let spread = (heights.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(heights.count)).squareRoot()
        guard wobble <= 0.12 * thickness, spread <= 0.22 * thickness else { return nil }
        return thickness
    }
}
