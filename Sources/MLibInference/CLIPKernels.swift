/// The element-wise loops of the CLIP towers, on raw buffers and 16 floats at a time.
///
/// CLIP's feed-forward activation (`quick_gelu`, an exponential per element of a
/// 3072-wide row) and its softmaxes cost about a tenth of a ViT-B/32 image when run
/// through the C library's `expf` one value at a time; `exponential` here is
/// Cephes' single-precision polynomial (within 2 ulp of `expf` over the range
/// float32 can hold), done on SIMD vectors.
enum CLIPKernels {
    typealias Vector = SIMD16<Float>

    /// `e^x` lane by lane; inputs are clamped to [-87.3, 88.3], so results stay
    /// normal floats (tiny rather than 0 far below, huge rather than ∞ far above).
    @inline(__always)
    static func exponential(_ x: Vector) -> Vector {
        let clamped = x.clamped(lowerBound: Vector(repeating: -87.3), upperBound: Vector(repeating: 88.3))
        // Round x·log2(e) to the nearest integer n by adding 1.5·2²³, whose last
        // mantissa bits then hold n.
        let shifter = Vector(repeating: 12_582_912)
        let shifted = clamped * 1.442_695_04 + shifter
        let n = shifted - shifter
        // r = x - n·ln 2, in two parts so r is exact to float32.
        var r = clamped - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p = Vector(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_1e-1
        p = p * (r * r) + r + 1
        let integer = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- unsafeBitCast(shifter, to: SIMD16<Int32>.self)
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: Vector.self)
        return p * scale
    }

    /// In place: `x · sigmoid(1.702 x)` for every value.
    static func quickGELU(_ values: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        let one = Vector(repeating: 1)
        while index + 16 <= count {
            let pointer = UnsafeMutableRawPointer(values + index)
            let x = pointer.loadUnaligned(as: Vector.self)
            pointer.storeBytes(of: x / (one + exponential(x * -1.702)), as: Vector.self)
            index += 16
        }
        if index < count {
            var x = Vector(repeating: 0)
            for lane in 0..<(count - index) { x[lane] = values[index + lane] }
            let y = x / (one + exponential(x * -1.702))
            for lane in 0..<(count - index) { values[index + lane] = y[lane] }
        }
    }

    /// In place: a softmax over the first `valid` of `columns` values in a row; the
    /// rest (keys a causal mask hides) become 0.
    static func softmax(_ row: UnsafeMutablePointer<Float>, valid: Int, columns: Int) {
        var largest = -Float.infinity
        for column in 0..<valid { largest = max(largest, row[column]) }
        var sum: Float = 0
        var column = 0
        let shift = Vector(repeating: largest)
        while column + 16 <= valid {
            let pointer = UnsafeMutableRawPointer(row + column)
            let e = exponential(pointer.loadUnaligned(as: Vector.self) - shift)
            pointer.storeBytes(of: e, as: Vector.self)
            sum += e.sum()
            column += 16
        }
        if column < valid {
            var x = Vector(repeating: -Float.infinity)
            for lane in 0..<(valid - column) { x[lane] = row[column + lane] }
            let e = exponential(x - shift)
            for lane in 0..<(valid - column) {
                row[column + lane] = e[lane]
                sum += e[lane]
            }
        }
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
