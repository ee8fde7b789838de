import MLibCore

/// Evenly spread spots of a picture, a few thousand whatever its size, so a
/// statistic over them costs the same for a thumbnail and a 12-megapixel photo.
///
/// Each spot is a small square patch whose pixels are averaged: sensor noise
/// and JPEG speckle cancel out, while anything larger than a few pixels (a text
/// stroke on a title card, a red scarf) still lands in the spots it covers.
struct SampleGrid {
    /// Spots across and down; every pixel is a spot in pictures smaller than the budget.
    let columns: Int
    let rows: Int
    /// Side of the square averaged at each spot.
    let patch: Int
    private let width: Int
    private let height: Int

    /// - Parameters:
    ///   - spots: about how many spots to take (never more than there are pixels).
    ///   - maximumPatch: the largest patch side; patches never overlap.
    init(width: Int, height: Int, spots: Int = 4096, maximumPatch: Int = 4) {
        self.width = width
        self.height = height
        let step = max(1, (Double(width) * Double(height) / Double(max(1, spots))).squareRoot())
        columns = max(1, min(width, Int((Double(width) / step).rounded())))
        rows = max(1, min(height, Int((Double(height) / step).rounded())))
        patch = max(1, min(maximumPatch, width / columns, height / rows))
    }

    var count: Int { columns * rows }

    /// The mean of each patch, in reading order, after `table` maps each byte
    /// (0...255) to the value to average; channels are red, green, blue.
    func means(of image: RGBImage, through table: [Float]) -> [SIMD3<Float>] {
        precondition(image.width == width && image.height == height && table.count == 256)
        var means: [SIMD3<Float>] = []
        means.reserveCapacity(count)
        let scale = 1 / Float(patch * patch)
        image.pixels.withUnsafeBufferPointer { pixels in
            table.withUnsafeBufferPointer { table in
                for row in 0..<rows {
                    let top = origin(of: row, count: rows, extent: height)
                    for column in 0..<columns {
                        let left = origin(of: column, count: columns, extent: width)
                        var sum = SIMD3<Float>()
                        for y in top..<(top + patch) {
                            var offset = (y * width + left) * 3
                            for _ in 0..<patch {
                                sum += SIMD3(table[Int(pixels[offset])], table[Int(pixels[offset + 1])], table[Int(pixels[offset + 2])])
                                offset += 3
                            }
                        }
                        means.append(sum * scale)
                    }
                }
            }
        }
        return means
    }

    /// The first pixel of the patch centred in cell `index` of `count` along `extent`.
    private func origin(of index: Int, count: Int, extent: Int) -> Int {
        let centre = (2 * index + 1) * extent / (2 * count)
        return min(extent - patch, max(0, centre - patch / 2))
    }

    /// Each byte as itself over 255: means of the stored (gamma-encoded) values.
    static let encodedTable: [Float] = (0..<256).map { Float($0) / 255 }
}
