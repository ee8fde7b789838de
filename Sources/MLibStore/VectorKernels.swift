/// The dot products a ``VectorIndex`` scan runs, one per storage form.
///
/// Rows are stored with a stride that is a multiple of 64 elements and zero-padded, so
/// every kernel works on whole 64-byte blocks. Only lane-wise SIMD arithmetic, shifts
/// and masks are used: Swift's SIMD conversion initialisers are per-lane loops, and
/// the build targets baseline x86-64 (SSE2), so widening and half-to-float
/// conversion are done with integer shifts instead. The compact kernels read their
/// row elements in an interleaved order; the query is laid out to match by
/// ``halfQuery(_:)`` and ``int8Query(_:)``.
enum VectorKernels {
    /// Elements per row are padded to a multiple of this.
    static let alignment = 64

    /// The padded row length for `dimension`.
    static func stride(for dimension: Int) -> Int {
        (dimension + alignment - 1) / alignment * alignment
    }

    // MARK: float32

    /// `row · query` over `stride` floats.
    @inline(__always)
    static func dot(_ row: UnsafeRawPointer, _ query: UnsafeRawPointer, stride: Int) -> Float {
        // Four accumulators break the add dependency chain; one step is one 64-float block.
        var sum0 = SIMD16<Float>()
        var sum1 = SIMD16<Float>()
        var sum2 = SIMD16<Float>()
        var sum3 = SIMD16<Float>()
        var offset = 0
        let end = stride &* 4
        while offset < end {
            sum0 += row.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                * query.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            sum1 += row.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
                * query.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD16<Float>.self)
            sum2 += row.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
                * query.loadUnaligned(fromByteOffset: offset &+ 128, as: SIMD16<Float>.self)
            sum3 += row.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
                * query.loadUnaligned(fromByteOffset: offset &+ 192, as: SIMD16<Float>.self)
            offset &+= 256
        }
        return ((sum0 + sum1) + (sum2 + sum3)).sum()
    }

    // MARK: float16

    /// 2^112: the factor between a half's exponent bias (15) and a float's (127).
    static let halfRebias: Float = 0x1p112

    /// The half-precision bits of `value` (round to nearest even).
    @inline(__always)
    static func halfBits(_ value: Float) -> UInt16 {
        Float16(value).bitPattern
    }

    /// The query for ``dot(half:_:stride:)``: per 32 elements, the 16 even ones then
    /// the 16 odd ones, each multiplied by ``halfRebias``.
    static func halfQuery(_ query: [Float]) -> [Float] {
        var laidOut = [Float](repeating: 0, count: query.count)
        for base in Swift.stride(from: 0, to: query.count, by: 32) {
            for lane in 0..<16 {
                laidOut[base + lane] = query[base + 2 * lane] * halfRebias
                laidOut[base + 16 + lane] = query[base + 2 * lane + 1] * halfRebias
            }
        }
        return laidOut
    }

    /// `row · query` for a row of half-precision bit patterns and a ``halfQuery(_:)``.
    ///
    /// Moving a half's sign, exponent and mantissa into a float's bit positions gives
    /// the exact value divided by 2^112, for every finite half including subnormals;
    /// the factor is folded into the query.
    @inline(__always)
    static func dot(half row: UnsafeRawPointer, _ query: UnsafeRawPointer, stride: Int) -> Float {
        var even = SIMD16<Float>()
        var odd = SIMD16<Float>()
        let mask = SIMD16<Int32>(repeating: Int32(bitPattern: 0x8FFF_E000))
        var offset = 0
        let end = stride &* 2
        while offset < end {
            // Each 32-bit lane holds two halves. An arithmetic shift right by 3 of a
            // half sitting in the top 16 bits puts its exponent and mantissa in bits
            // 13...27 and copies the sign into 28...31; the mask keeps bit 31 only.
            let pairs = row.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int32>.self)
            let low = unsafeBitCast(((pairs &<< 16) &>> 3) & mask, to: SIMD16<Float>.self)
            let high = unsafeBitCast((pairs &>> 3) & mask, to: SIMD16<Float>.self)
            even += low * query.loadUnaligned(fromByteOffset: offset &* 2, as: SIMD16<Float>.self)
            odd += high * query.loadUnaligned(fromByteOffset: offset &* 2 &+ 64, as: SIMD16<Float>.self)
            offset &+= 64
        }
        return (even + odd).sum()
    }

    // MARK: int8

    /// The quantised row, stored biased by 128 (0...254): `round(value / scale) + 128`
    /// with `scale = max |value| / 127`.
    static func int8Row(_ vector: [Float]) -> (values: [UInt8], scale: Float) {
        let (values, scale) = quantise(vector)
        return (values.map { UInt8(Int16($0) + 128) }, scale)
    }

    /// `round(value / scale)` in -127...127 with `scale = max |value| / 127`.
    static func quantise(_ vector: [Float]) -> (values: [Int8], scale: Float) {
        let largest = vector.reduce(Float(0)) { max($0, abs($1)) }
        guard largest > 0, largest.isFinite else { return ([Int8](repeating: 0, count: vector.count), 0) }
        let scale = largest / 127
        let inverse = 1 / scale
        // Round half away from zero by hand: Float.rounded() is a libm call per element.
        return (vector.map { value in
            let scaled = value * inverse
            return Int8(max(-127, min(127, Int32(scaled + (scaled >= 0 ? 0.5 : -0.5)))))
        }, scale)
    }

    /// The query for ``dot(int8:_:stride:)``, quantised like a row (unbiased), as
    /// 16-bit lanes: per 64 elements, the 32 even ones then the 32 odd ones. `bias`
    /// is what the rows' +128 adds to a dot product, to subtract from it.
    static func int8Query(_ query: [Float]) -> (values: [Int16], scale: Float, bias: Int32) {
        let (values, scale) = quantise(query)
        var laidOut = [Int16](repeating: 0, count: values.count)
        for base in Swift.stride(from: 0, to: values.count, by: 64) {
            for lane in 0..<32 {
                laidOut[base + lane] = Int16(values[base + 2 * lane])
                laidOut[base + 32 + lane] = Int16(values[base + 2 * lane + 1])
            }
        }
        return (laidOut, scale, 128 * values.reduce(Int32(0)) { $0 + Int32($1) })
    }

    /// `row · query + bias` in integer units for a biased int8 row and an
    /// ``int8Query(_:)``.
    ///
    /// Masks split each 32-bit lane's four bytes into two 16-bit lanes each (even and
    /// odd elements); a byte (≤ 254) times a query value (|q| ≤ 127) fits in 16 bits,
    /// and each product is then widened to 32 bits. No sum overflows below a
    /// dimension of about 60,000.
    @inline(__always)
    static func dot(int8 row: UnsafeRawPointer, _ query: UnsafeRawPointer, stride: Int) -> Int32 {
        var sum = SIMD16<Int32>()
        let lowBytes = SIMD16<UInt32>(repeating: 0x00FF_00FF)
        var offset = 0
        while offset < stride {
            let words = row.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt32>.self)
            let even = unsafeBitCast(words & lowBytes, to: SIMD32<Int16>.self)
            let odd = unsafeBitCast((words &>> 8) & lowBytes, to: SIMD32<Int16>.self)
            let evenProducts = unsafeBitCast(
                even &* query.loadUnaligned(fromByteOffset: offset &* 2, as: SIMD32<Int16>.self),
                to: SIMD16<Int32>.self
            )
            let oddProducts = unsafeBitCast(
                odd &* query.loadUnaligned(fromByteOffset: offset &* 2 &+ 64, as: SIMD32<Int16>.self),
                to: SIMD16<Int32>.self
            )
            sum &+= ((evenProducts &<< 16) &>> 16) &+ (evenProducts &>> 16)
            sum &+= ((oddProducts &<< 16) &>> 16) &+ (oddProducts &>> 16)
            offset &+= 64
        }
        return sum.wrappedSum()
    }
}
