import MLibCore

extension PILResampler {
    /// The first pass: each row of `rows` resampled to `weights.outputs.count` pixels.
    static func resampleRows(_ image: RGBImage, rows: Range<Int>, weights: AxisWeights) -> [UInt8] {
        #if arch(x86_64)
        resampleRowsSSE2(image, rows: rows, weights: weights)
        #else
        resampleRowsPortable(image, rows: rows, weights: weights)
        #endif
    }

    /// The first pass one pixel at a time, for any CPU.
    static func resampleRowsPortable(_ image: RGBImage, rows: Range<Int>, weights: AxisWeights) -> [UInt8] {
        let outputWidth = weights.outputs.count
        let sourceRowBytes = image.width * 3
        return [UInt8](unsafeUninitializedCapacity: rows.count * outputWidth * 3) { output, initialised in
            image.pixels.withUnsafeBufferPointer { source in
                weights.weights.withUnsafeBufferPointer { table in
                    let source = source.baseAddress!
                    let table = table.baseAddress!
                    var out = output.baseAddress!
                    for row in rows {
                        let line = source + row * sourceRowBytes
                        for slot in 0..<outputWidth {
                            let count = weights.counts[slot]
                            var pixel = line + weights.firstSources[slot] * 3
                            var weight = table + slot * weights.stride
                            var red = half, green = half, blue = half
                            for _ in 0..<count {
                                let k = weight.pointee
                                red &+= Int32(pixel[0]) &* k
                                green &+= Int32(pixel[1]) &* k
                                blue &+= Int32(pixel[2]) &* k
                                pixel += 3
                                weight += 1
                            }
                            out[0] = clip(red)
                            out[1] = clip(green)
                            out[2] = clip(blue)
                            out += 3
                        }
                    }
                }
            }
            initialised = rows.count * outputWidth * 3
        }
    }

    /// The second pass: `weights.outputs.count` rows, each a weighted sum of rows of
    /// `between`, whose first row is source row `firstRow`.
    static func resampleColumns(_ between: [UInt8], rowBytes: Int, firstRow: Int, weights: AxisWeights) -> [UInt8] {
        let outputHeight = weights.outputs.count
        return [UInt8](unsafeUninitializedCapacity: outputHeight * rowBytes) { output, initialised in
            var sums = [Int32](repeating: 0, count: rowBytes)
            between.withUnsafeBufferPointer { source in
                sums.withUnsafeMutableBufferPointer { sums in
                    let source = source.baseAddress!
                    let sums = sums.baseAddress!
                    for slot in 0..<outputHeight {
                        sums.update(repeating: half, count: rowBytes)
                        let first = weights.firstSources[slot] - firstRow
                        for tap in 0..<weights.counts[slot] {
                            let k = weights.weights[slot * weights.stride + tap]
                            let line = source + (first + tap) * rowBytes
                            for index in 0..<rowBytes {
                                sums[index] &+= Int32(line[index]) &* k
                            }
                        }
                        let out = output.baseAddress! + slot * rowBytes
                        for index in 0..<rowBytes {
                            out[index] = clip(sums[index])
                        }
                    }
                }
            }
            initialised = outputHeight * rowBytes
        }
    }
}
