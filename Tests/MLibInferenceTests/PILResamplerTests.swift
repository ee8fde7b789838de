import MLibCore
import MLibTestSupport
import Testing
@testable import MLibInference

/// The resampler's own properties; its agreement with Pillow is checked through the
/// CLIP fixtures (`CLIPImagePreprocessorTests`).
struct PILResamplerTests {
    static func noise(width: Int, height: Int, seed: UInt64) -> RGBImage {
        var generator = SeededGenerator(seed: seed)
        return RGBImage(width: width, height: height, pixels: (0..<(width * height * 3)).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// (source width, output width): reductions up to 430 times (sums that overflow
    /// 32-bit halves), enlargements, rows shorter than one 16-byte load, odd tap counts.
    static let widths = [(3000, 7), (1000, 224), (451, 336), (37, 224), (5, 4), (2, 224), (1, 3), (17, 16), (640, 300), (226, 224)]

    @Test(arguments: widths, PILResampler.Filter.allCases)
    func vectorAndPortableRowPassesAgree(widths: (source: Int, output: Int), filter: PILResampler.Filter) {
        // 37 rows: two full blocks of 16 and a partial one.
        let image = Self.noise(width: widths.source, height: 37, seed: UInt64(widths.source * 1000 + widths.output))
        let weights = PILResampler.AxisWeights(sourceSize: widths.source, outputSize: widths.output, outputs: 0..<widths.output, filter: filter)
        for rows in [0..<37, 3..<20, 36..<37] {
            let portable = PILResampler.resampleRowsPortable(image, rows: rows, weights: weights)
            #expect(PILResampler.resampleRows(image, rows: rows, weights: weights) == portable, "\(widths) \(filter) rows \(rows)")
        }
    }

    @Test(arguments: PILResampler.Filter.allCases)
    func aRegionIsThatPartOfTheWholeResize(filter: PILResampler.Filter) {
        let image = Self.noise(width: 300, height: 200, seed: 9)
        let resampler = PILResampler(filter: filter)
        for (width, height) in [(120, 80), (600, 90), (300, 120), (128, 200)] {
            let whole = resampler.resize(image, width: width, height: height, columns: 0..<width, rows: 0..<height)
            let columns = (width / 3)..<(width - width / 4)
            let rows = (height / 5)..<(height / 2)
            let part = resampler.resize(image, width: width, height: height, columns: columns, rows: rows)
            var expected: [UInt8] = []
            for row in rows {
                expected += whole.pixels[((row * width + columns.lowerBound) * 3)..<((row * width + columns.upperBound) * 3)]
            }
            #expect(part.pixels == expected, "\(filter) \(width)×\(height)")
        }
    }

    @Test func theSameSizeIsACopy() {
        let image = Self.noise(width: 31, height: 17, seed: 4)
        let copy = PILResampler(filter: .bicubic).resize(image, width: 31, height: 17, columns: 0..<31, rows: 0..<17)
        #expect(copy == image)
    }

    @Test(arguments: PILResampler.Filter.allCases)
    func weightsSumToOne(filter: PILResampler.Filter) {
        for (source, output) in [(4000, 298), (7, 313), (300, 224), (224, 300)] {
            let weights = PILResampler.AxisWeights(sourceSize: source, outputSize: output, outputs: 0..<output, filter: filter)
            for slot in 0..<output {
                let taps = weights.weights[(slot * weights.stride)..<(slot * weights.stride + weights.counts[slot])]
                let total = taps.reduce(0) { $0 + Int($1) }
                // Each weight is rounded on its own, so the sum is 1 to within a unit per tap.
                #expect(abs(total - (1 << 22)) <= taps.count, "\(source)→\(output) slot \(slot)")
                #expect(weights.firstSources[slot] >= 0 && weights.firstSources[slot] + weights.counts[slot] <= source)
            }
        }
    }
}
