extension PILResampler {
    /// The convolution filters Pillow resizes with, as `Image.resize` numbers them.
    enum Filter: Int, Sendable, Hashable, CaseIterable {
        /// A triangle of half-width 1 (`Image.Resampling.BILINEAR`).
        case bilinear = 2
        /// Keys' cubic convolution with a = -0.5, half-width 2 (`Image.Resampling.BICUBIC`).
        case bicubic = 3

        /// Half the filter's width at scale 1, in source pixels.
        var support: Double {
            switch self {
            case .bilinear: 1
            case .bicubic: 2
            }
        }

        /// The filter's value at distance `x` from its centre.
        ///
        /// Written term for term as Pillow evaluates it, so the doubles (and so the
        /// rounded fixed-point weights) come out the same bit for bit.
        func value(at x: Double) -> Double {
            let x = abs(x)
            switch self {
            case .bilinear:
                return x < 1 ? 1 - x : 0
            case .bicubic:
                // a = -0.5: (a + 2) = 1.5, (a + 3) = 2.5, both exact.
                if x < 1 { return (1.5 * x - 2.5) * x * x + 1 }
                if x < 2 { return (((x - 5) * x + 8) * x - 4) * -0.5 }
                return 0
            }
        }
    }

    /// Pillow's fixed-point weights along one axis, for a range of output positions.
    ///
    /// Output position `i` covers the source interval centred on `(i + 0.5) * scale`;
    /// when shrinking, the filter is stretched by the scale (antialiasing) so every
    /// source pixel contributes. Each output's weights are normalised to sum to 1 in
    /// doubles, then rounded half away from zero to 22 fractional bits, exactly as
    /// Pillow's `precompute_coeffs` and `normalize_coeffs_8bpc` do.
    struct AxisWeights: Sendable, Hashable {
        /// Fractional bits of a weight: 32 bits less 8 for the value and 2 for overshoot.
        /// (Computed, not stored, so it folds into the kernels as a constant.)
        static var precisionBits: Int { 22 }

        /// The output positions these weights are for.
        let outputs: Range<Int>
        /// First source index of each output in `outputs`, in order.
        let firstSources: [Int]
        /// Source pixels each output reads, at most `stride`.
        let counts: [Int]
        /// Room per output in `weights`; unused entries are zero.
        let stride: Int
        /// `outputs.count * stride` weights, 22-bit fixed point.
        let weights: [Int32]

        /// The weights for `outputs` (a range of `0..<outputSize`) when `sourceSize`
        /// pixels become `outputSize`.
        init(sourceSize: Int, outputSize: Int, outputs: Range<Int>, filter: Filter) {
            precondition(sourceSize > 0 && outputSize > 0 && outputs.lowerBound >= 0 && outputs.upperBound <= outputSize)
            // Pillow takes the span as a difference of floats, then divides in doubles.
            let scale = Double(Float(sourceSize) - Float(0)) / Double(outputSize)
            let filterScale = max(scale, 1)
            let support = filter.support * filterScale
            let inverseFilterScale = 1 / filterScale
            let stride = Int(support.rounded(.up)) * 2 + 1
            let unit = Double(1 << Self.precisionBits)

            var firstSources: [Int] = []
            var counts: [Int] = []
            firstSources.reserveCapacity(outputs.count)
            counts.reserveCapacity(outputs.count)
            var weights = [Int32](repeating: 0, count: outputs.count * stride)
            var exact = [Double](repeating: 0, count: stride)
            for (slot, output) in outputs.enumerated() {
                let centre = (Double(output) + 0.5) * scale
                // Int(_:) truncates toward zero, as C's cast does.
                let first = max(Int(centre - support + 0.5), 0)
                let end = min(Int(centre + support + 0.5), sourceSize)
                let count = max(end - first, 0)
                var total = 0.0
                for tap in 0..<count {
                    let weight = filter.value(at: (Double(tap + first) - centre + 0.5) * inverseFilterScale)
                    exact[tap] = weight
                    total += weight
                }
                for tap in 0..<count {
                    let normalised = total != 0 ? exact[tap] / total : exact[tap]
                    let scaled = normalised * unit
                    weights[slot * stride + tap] = Int32(normalised < 0 ? -0.5 + scaled : 0.5 + scaled)
                }
                firstSources.append(first)
                counts.append(count)
            }
            self.outputs = outputs
            self.firstSources = firstSources
            self.counts = counts
            self.stride = stride
            self.weights = weights
        }

        /// The source positions the outputs read, together.
        var sources: Range<Int> {
            guard let first = firstSources.first, let last = firstSources.indices.last else { return 0..<0 }
            return first..<(firstSources[last] + counts[last])
        }
    }
}
