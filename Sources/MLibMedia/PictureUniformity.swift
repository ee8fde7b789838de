public import MLibCore

/// Whether a picture shows next to nothing: near-black (a fade to black, a lens
/// cap, a dark room) or near-uniform (a title card of one colour, a grey frame
/// between scenes), so picture stages can skip it or mark it.
///
/// Measured on about four thousand spots, each a small patch averaged so sensor
/// noise cancels, in the stored (gamma-encoded) values on a 0...1 scale:
///
/// - `meanLuma`: Rec. 709 luma (video's Y′) averaged over the picture;
/// - `lumaSpread`: its standard deviation;
/// - `spread`: the largest standard deviation of red, green or blue, never below
///   `lumaSpread`; it also sees edges between colours of equal brightness, which
///   luma alone misses (red beside green);
/// - `outlierShare`: the fraction of spots more than `outlierDistance` (0.1, about
///   25 of 255) from the mean colour in some channel: the words of a caption or a
///   few stars, too small to move the spread, still count.
///
/// Near-black is `meanLuma ≤ 0.08` (about 20 of 255), `spread ≤ 0.05` and
/// `outlierShare ≤ 0.001`; near-uniform is `spread ≤ 0.03` (about 8 of 255) and
/// `outlierShare ≤ 0.001`, whatever the colour. One line of small white words
/// on a black frame (0.4 % of it) is neither.
public struct PictureUniformity: Sendable, Hashable {
    /// Mean luma, 0 (black) to 1 (white).
    public let meanLuma: Double
    /// Standard deviation of luma, 0 for a flat picture, at most 0.5.
    public let lumaSpread: Double
    /// The largest standard deviation of the three channels.
    public let spread: Double
    /// Fraction of the picture far from its mean colour, 0...1.
    public let outlierShare: Double

    /// Highest mean luma of a near-black picture.
    public static let nearBlackMeanLuma = 0.08
    /// Highest spread of a near-black picture: dim noise, not dim detail.
    public static let nearBlackSpread = 0.05
    /// Highest spread of a near-uniform picture.
    public static let uniformSpread = 0.03
    /// How far from the mean colour, in one channel, a spot must be to stand out.
    public static let outlierDistance = 0.1
    /// Highest outlier share of a near-black or near-uniform picture.
    public static let maximumOutlierShare = 0.001

    public init(meanLuma: Double, lumaSpread: Double, spread: Double, outlierShare: Double) {
        self.meanLuma = meanLuma
        self.lumaSpread = lumaSpread
        self.spread = spread
        self.outlierShare = outlierShare
    }

    /// Measures `image`.
    public init(of image: RGBImage) {
        let grid = SampleGrid(width: image.width, height: image.height)
        let spots = grid.means(of: image, through: SampleGrid.encodedTable).map {
            SIMD3<Double>(Double($0.x), Double($0.y), Double($0.z))
        }
        let weights = SIMD3<Double>(0.2126, 0.7152, 0.0722)
        var sum = SIMD3<Double>()
        var squares = SIMD3<Double>()
        var lumaSum = 0.0
        var lumaSquares = 0.0
        for spot in spots {
            let luma = (spot * weights).sum()
            sum += spot
            squares += spot * spot
            lumaSum += luma
            lumaSquares += luma * luma
        }
        let count = Double(spots.count)
        let mean = sum / count
        func deviation(_ sum: Double, _ squares: Double) -> Double {
            max(0, squares / count - (sum / count) * (sum / count)).squareRoot()
        }
        meanLuma = lumaSum / count
        lumaSpread = deviation(lumaSum, lumaSquares)
        spread = max(deviation(sum.x, squares.x), deviation(sum.y, squares.y), deviation(sum.z, squares.z))
        let outliers = spots.count { spot in
            let offset = spot - mean
            return max(abs(offset.x), abs(offset.y), abs(offset.z)) > Self.outlierDistance
        }
        outlierShare = Double(outliers) / count
    }

    /// Dark all over: a fade to black, a lens cap, a night shot of nothing.
    public var isNearBlack: Bool {
        meanLuma <= Self.nearBlackMeanLuma && spread <= Self.nearBlackSpread
            && outlierShare <= Self.maximumOutlierShare
    }

    /// One flat colour, of any brightness (black included).
    public var isNearUniform: Bool {
        spread <= Self.uniformSpread && outlierShare <= Self.maximumOutlierShare
    }
}
