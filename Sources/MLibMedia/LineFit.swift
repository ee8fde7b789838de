/// A least-squares straight line y = intercept + slope · x.
struct LineFit {
    var slope: Double
    var intercept: Double

    init(xs: [Double], ys: [Double]) {
        let count = Double(xs.count)
        let meanX = xs.reduce(0, +) / count
        let meanY = ys.reduce(0, +) / count
        var covariance = 0.0
        var variance = 0.0
        for (x, y) in zip(xs, ys) {
            covariance += (x - meanX) * (y - meanY)
            variance += (x - meanX) * (x - meanX)
        }
        slope = variance > 0 ? covariance / variance : 0
        intercept = meanY - slope * meanX
    }

    /// The standard deviation of the points about the line.
    func residualDeviation(xs: [Double], ys: [Double]) -> Double {
        var sum = 0.0
        for (x, y) in zip(xs, ys) {
            let residual = y - (intercept + slope * x)
            sum += residual * residual
        }
        return (sum / Double(xs.count)).squareRoot()
    }
}
