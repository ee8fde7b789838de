#if arch(x86_64)
import _Builtin_intrinsics.intel
import MLibCore

// The first pass, which does nearly all the work of a large reduction, vectorised
// with SSE2 (part of every x86-64 CPU). It gives the same bytes as the portable pass:
// the sums are the same integers, only computed sixteen rows at a time.
//
// A block of 16 source rows is transposed so that each byte position of a row (a
// column and channel) becomes 16 consecutive bytes, one per row. An output pixel's
// channel is then a weighted sum of such vectors, two taps at a time: the bytes of
// taps t and t+1 are interleaved into 16-bit pairs and `pmaddwd` multiplies and adds
// each pair with the two weights. Weights have 22 fractional bits, too wide for
// 16-bit lanes, so each is split as `high * 2^15 + low` (low in 0..<2^15) and the
// two halves are summed separately; the total is recombined modulo 2^32, which is
// exact because the true sum fits in 32 bits.
extension PILResampler {
    static func resampleRowsSSE2(_ image: RGBImage, rows: Range<Int>, weights: AxisWeights) -> [UInt8] {
        let outputWidth = weights.outputs.count
        let outputRowBytes = outputWidth * 3
        let span = weights.sources
        let spanBytes = span.count * 3
        let paired = PairedWeights(weights)
        // Room for whole 16-byte chunks plus one pixel past the end, which an odd
        // tap count reads with a zero weight.
        let columnCount = (spanBytes + 15) / 16 * 16 + 16
        let columns = UnsafeMutableRawPointer.allocate(byteCount: columnCount * 16, alignment: 16)
        columns.initializeMemory(as: UInt8.self, repeating: 0, count: columnCount * 16)
        defer { columns.deallocate() }

        return [UInt8](unsafeUninitializedCapacity: rows.count * outputRowBytes) { output, initialised in
            image.pixels.withUnsafeBytes { source in
                paired.vectors.withUnsafeBufferPointer { vectors in
                    var lanes = (__m128i(), __m128i())
                    for blockStart in stride(from: rows.lowerBound, to: rows.upperBound, by: 16) {
                        let blockRows = min(16, rows.upperBound - blockStart)
                        transposeBlock(
                            source.baseAddress!, imageRowBytes: image.width * 3, firstRow: blockStart,
                            lastRow: rows.upperBound - 1, bytes: (span.lowerBound * 3)..<(span.upperBound * 3), into: columns)
                        let outputBlock = output.baseAddress! + (blockStart - rows.lowerBound) * outputRowBytes
                        for slot in 0..<outputWidth {
                            let first = (weights.firstSources[slot] - span.lowerBound) * 3
                            let slotVectors = vectors.baseAddress! + slot * paired.stride
                            for channel in 0..<3 {
                                let sums = weightedSum(
                                    columns + (first + channel) * 16, pairs: paired.pairCounts[slot], weights: slotVectors)
                                withUnsafeMutableBytes(of: &lanes) { lanes in
                                    lanes.storeBytes(of: sums, as: __m128i.self)
                                    let target = outputBlock + slot * 3 + channel
                                    for row in 0..<blockRows {
                                        target[row * outputRowBytes] = lanes[row]
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialised = rows.count * outputRowBytes
        }
    }

    /// Sixteen rows' clipped bytes for one output channel: the taps start at
    /// `column` (16 bytes per source byte position) and go three positions apart.
    @inline(__always)
    private static func weightedSum(_ column: UnsafeMutableRawPointer, pairs: Int, weights: UnsafePointer<__m128i>) -> __m128i {
        let zero = _mm_setzero_si128()
        var low0 = zero, low1 = zero, low2 = zero, low3 = zero
        var high0 = zero, high1 = zero, high2 = zero, high3 = zero
        var tap = UnsafeRawPointer(column)
        var weight = weights
        for _ in 0..<pairs {
            let first = tap.load(as: __m128i.self)
            let second = (tap + 3 * 16).load(as: __m128i.self)
            let front = _mm_unpacklo_epi8(first, second)
            let back = _mm_unpackhi_epi8(first, second)
            let rows0 = _mm_unpacklo_epi8(front, zero)
            let rows4 = _mm_unpackhi_epi8(front, zero)
            let rows8 = _mm_unpacklo_epi8(back, zero)
            let rows12 = _mm_unpackhi_epi8(back, zero)
            let low = weight[0]
            let high = weight[1]
            low0 = _mm_add_epi32(low0, _mm_madd_epi16(rows0, low))
            low1 = _mm_add_epi32(low1, _mm_madd_epi16(rows4, low))
            low2 = _mm_add_epi32(low2, _mm_madd_epi16(rows8, low))
            low3 = _mm_add_epi32(low3, _mm_madd_epi16(rows12, low))
            high0 = _mm_add_epi32(high0, _mm_madd_epi16(rows0, high))
            high1 = _mm_add_epi32(high1, _mm_madd_epi16(rows4, high))
            high2 = _mm_add_epi32(high2, _mm_madd_epi16(rows8, high))
            high3 = _mm_add_epi32(high3, _mm_madd_epi16(rows12, high))
            tap += 6 * 16
            weight += 2
        }
        let half = _mm_set1_epi32(PILResampler.half)
        @inline(__always) func value(_ low: __m128i, _ high: __m128i) -> __m128i {
            let sum = _mm_add_epi32(_mm_add_epi32(low, half), _mm_slli_epi32(high, 15))
            return _mm_srai_epi32(sum, Int32(AxisWeights.precisionBits))
        }
        // Saturating packs clip to 0...255 as Pillow's table does.
        let words0 = _mm_packs_epi32(value(low0, high0), value(low1, high1))
        let words8 = _mm_packs_epi32(value(low2, high2), value(low3, high3))
        return _mm_packus_epi16(words0, words8)
    }

    /// Writes the bytes `bytes` of rows `firstRow..<firstRow + 16` of the picture as
    /// columns of 16 bytes, one per row; rows past `lastRow` repeat it.
    private static func transposeBlock(
        _ source: UnsafeRawPointer, imageRowBytes: Int, firstRow: Int, lastRow: Int,
        bytes: Range<Int>, into columns: UnsafeMutableRawPointer
    ) {
        var lines: [UnsafeRawPointer] = []
        lines.reserveCapacity(16)
        for row in 0..<16 {
            lines.append(source + min(firstRow + row, lastRow) * imageRowBytes)
        }
        var chunk = bytes.lowerBound
        // Whole 16-byte loads stay inside each row.
        while chunk < bytes.upperBound && chunk + 16 <= imageRowBytes {
            @inline(__always) func load(_ row: Int) -> __m128i { (lines[row] + chunk).loadUnaligned(as: __m128i.self) }
            var block = ByteBlock(
                v0: load(0), v1: load(1), v2: load(2), v3: load(3), v4: load(4), v5: load(5), v6: load(6), v7: load(7),
                v8: load(8), v9: load(9), v10: load(10), v11: load(11), v12: load(12), v13: load(13), v14: load(14), v15: load(15))
            block = block.interleaved().interleaved().interleaved().interleaved()
            withUnsafeBytes(of: block) { transposed in
                (columns + (chunk - bytes.lowerBound) * 16).copyMemory(from: transposed.baseAddress!, byteCount: 256)
            }
            chunk += 16
        }
        // The last few bytes of a row, one at a time.
        let target = columns.assumingMemoryBound(to: UInt8.self)
        for byte in chunk..<max(chunk, bytes.upperBound) {
            for row in 0..<16 {
                target[(byte - bytes.lowerBound) * 16 + row] = lines[row].load(fromByteOffset: byte, as: UInt8.self)
            }
        }
    }

    /// Sixteen vectors of 16 bytes. Four rounds of `interleaved()` transpose them:
    /// each round moves byte (vector r, position p) so that the 8-bit index rp turns
    /// one bit to the left, and four turns swap r and p.
    private struct ByteBlock {
        var v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15: __m128i

        @inline(__always)
        func interleaved() -> ByteBlock {
            ByteBlock(
                v0: _mm_unpacklo_epi8(v0, v8), v1: _mm_unpackhi_epi8(v0, v8),
                v2: _mm_unpacklo_epi8(v1, v9), v3: _mm_unpackhi_epi8(v1, v9),
                v4: _mm_unpacklo_epi8(v2, v10), v5: _mm_unpackhi_epi8(v2, v10),
                v6: _mm_unpacklo_epi8(v3, v11), v7: _mm_unpackhi_epi8(v3, v11),
                v8: _mm_unpacklo_epi8(v4, v12), v9: _mm_unpackhi_epi8(v4, v12),
                v10: _mm_unpacklo_epi8(v5, v13), v11: _mm_unpackhi_epi8(v5, v13),
                v12: _mm_unpacklo_epi8(v6, v14), v13: _mm_unpackhi_epi8(v6, v14),
                v14: _mm_unpacklo_epi8(v7, v15), v15: _mm_unpackhi_epi8(v7, v15))
        }
    }

    /// The weights of each output as `pmaddwd` operands: for taps t and t+1, one vector
    /// of (low t, low t+1) pairs and one of (high t, high t+1) pairs, repeated four
    /// times; a missing last tap has weight zero.
    private struct PairedWeights {
        /// Pairs each output has.
        let pairCounts: [Int]
        /// Vectors per output: two per pair, low then high.
        let stride: Int
        let vectors: [__m128i]

        init(_ weights: AxisWeights) {
            let maxPairs = (weights.stride + 1) / 2
            stride = maxPairs * 2
            var pairCounts: [Int] = []
            var vectors = [__m128i](repeating: __m128i(), count: weights.outputs.count * stride)
            for slot in 0..<weights.outputs.count {
                let count = weights.counts[slot]
                let pairs = (count + 1) / 2
                pairCounts.append(pairs)
                for pair in 0..<pairs {
                    let first = weights.weights[slot * weights.stride + 2 * pair]
                    let second = 2 * pair + 1 < count ? weights.weights[slot * weights.stride + 2 * pair + 1] : 0
                    // _mm_set1_epi32 puts the first tap's half in the low 16 bits of each lane.
                    func pack(_ a: Int32, _ b: Int32) -> __m128i {
                        _mm_set1_epi32(Int32(bitPattern: UInt32(UInt16(truncatingIfNeeded: a)) | UInt32(UInt16(truncatingIfNeeded: b)) << 16))
                    }
                    vectors[slot * stride + 2 * pair] = pack(first & 0x7FFF, second & 0x7FFF)
                    vectors[slot * stride + 2 * pair + 1] = pack(first >> 15, second >> 15)
                }
            }
            self.pairCounts = pairCounts
            self.vectors = vectors
        }
    }
}
#endif
