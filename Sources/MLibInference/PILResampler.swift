import MLibCore

/// Resizes 8-bit RGB pictures as Pillow's `Image.resize` does, bit for bit.
///
/// Pillow resamples in two separable passes with fixed-point weights: first along
/// rows (only the rows the second pass will read), rounding and clipping to 8 bits,
/// then along columns; an axis whose size does not change is not resampled at all.
/// When shrinking, the filter widens with the reduction factor, so every source
/// pixel counts (antialiasing). This type does the same arithmetic in the same order,
/// so its bytes equal Pillow's.
///
/// It computes only the part of the output that is asked for: a centre crop of a
/// resized picture costs the crop, not the whole resized picture.
struct PILResampler: Sendable, Hashable {
    let filter: Filter

    /// The part `columns` × `rows` of `image` resized to `width` × `height`.
    ///
    /// - Precondition: `width` and `height` are positive; `columns` and `rows` are
    ///   non-empty ranges inside `0..<width` and `0..<height`.
    func resize(_ image: RGBImage, width: Int, height: Int, columns: Range<Int>, rows: Range<Int>) -> RGBImage {
        precondition(width > 0 && height > 0, "PILResampler: cannot resize to \(width)×\(height)")
        precondition(!columns.isEmpty && columns.lowerBound >= 0 && columns.upperBound <= width, "PILResampler: columns \(columns) outside 0..<\(width)")
        precondition(!rows.isEmpty && rows.lowerBound >= 0 && rows.upperBound <= height, "PILResampler: rows \(rows) outside 0..<\(height)")
        let across = width == image.width ? nil : AxisWeights(sourceSize: image.width, outputSize: width, outputs: columns, filter: filter)
        let down = height == image.height ? nil : AxisWeights(sourceSize: image.height, outputSize: height, outputs: rows, filter: filter)
        let sourceRows = down?.sources ?? rows

        // After the first pass: `sourceRows` rows of `columns.count` pixels.
        let rowBytes = columns.count * 3
        var between: [UInt8]
        if let across {
            between = Self.resampleRows(image, rows: sourceRows, weights: across)
        } else {
            between = Self.copy(image, columns: columns, rows: sourceRows)
        }
        if let down {
            between = Self.resampleColumns(between, rowBytes: rowBytes, firstRow: sourceRows.lowerBound, weights: down)
        }
        return RGBImage(width: columns.count, height: rows.count, pixels: between)
    }

    /// The pixels of `columns` × `rows` of `image`, unchanged.
    private static func copy(_ image: RGBImage, columns: Range<Int>, rows: Range<Int>) -> [UInt8] {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(columns.count * rows.count * 3)
        for row in rows {
            let start = (row * image.width + columns.lowerBound) * 3
            pixels.append(contentsOf: image.pixels[start..<(start + columns.count * 3)])
        }
        return pixels
    }

    /// The 8-bit value of a fixed-point sum, clipped as Pillow's `clip8` does.
    @inline(__always)
    static func clip(_ sum: Int32) -> UInt8 {
        UInt8(clamping: sum >> Int32(AxisWeights.precisionBits))
    }

    /// The rounding term every fixed-point sum starts from: one half.
    static var half: Int32 { 1 << 21 }
}
