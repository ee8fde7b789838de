/// The element-wise loops of the CLIP towers, on raw buffers.
///
/// CLIP's feed-forward activation (`quick_gelu`, an exponential per element of a
/// 3072-wide row) and its softmaxes cost about a tenth of a ViT-B/32 image when run
/// through the C library's `expf` one value at a time; `exponential` here is
/// Cephes' single-precision polynomial (within 1 ulp of `expf` over the range
/// float32 holds), written as plain scalar code with no calls so that the compiler
/// turns each loop into vector instructions.
enum CLIPKernels {
    /// `e^x`; inputs are clamped to [-87.3, 88.3], so results stay normal floats
    /// (tiny rather than 0 far below, huge rather than ∞ far above).
    @inline(__always)
    static func exponential(_ value: Float) -> Float {
        let x = min(max(value, -87.3), 88.3)
        // Round x·log2(e) to the nearest integer n by adding 1.5·2²³, whose last
        // mantissa bits then hold n.
        let shifter: Float = 12_582_912
        let shifted = x * 1.442_695_04 + shifter
        let n = shifted - shifter
        // r = x - n·ln 2, in two parts so r is exact to float32.
        var r = x - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_1e-1
        p = p * (r * r) + r + 1
        let integer = Int32(bitPattern: shifted.bitPattern) &- Int32(bitPattern: shifter.bitPattern)
        return p * Float(bitPattern: UInt32(bitPattern: (integer &+ 127) &<< 23))
    }

    /// In place: `x · sigmoid(1.702 x)` for every value.
    static func quickGELU(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count {
            let x = values[index]
            values[index] = x / (1 + exponential(x * -1.702))
        }
    }

    /// In place: a softmax over the first `valid` of `columns` values in a row; the
    /// rest (keys a causal mask hides) become 0.
    static func softmax(_ row: UnsafeMutablePointer<Float>, valid: Int, columns: Int) {
        var largest = -Float.infinity
        for column in 0..<valid { largest = max(largest, row[column]) }
        for column in 0..<valid { row[column] = exponential(row[column] - largest) }
        var sum: Float = 0
        for column in 0..<valid { sum += row[column] }
        let inverse = 1 / sum
        for column in 0..<valid { row[column] *= inverse }
        for column in valid..<columns { row[column] = 0 }
    }

    /// `output = LayerNorm(input)` over each of `rows` rows of `columns`: mean and
    /// biased variance in float32, as PyTorch takes them.
    static func layerNorm(
        _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, rows: Int, columns: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float
    ) {
        let width = Float(columns)
        for row in 0..<rows {
            let source = input + row * columns
            let target = output + row * columns
            var sum: Float = 0
            for column in 0..<columns { sum += source[column] }
            let mean = sum / width
            var squares: Float = 0
            for column in 0..<columns {
                let centred = source[column] - mean
                squares += centred * centred
            }
            let inverse = 1 / (squares / width + epsilon).squareRoot()
            for column in 0..<columns {
                target[column] = (source[column] - mean) * inverse * weight[column] + bias[column]
            }
        }
    }
}
