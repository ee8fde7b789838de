import MLibCore

/// An 8-bit grey picture, rows top to bottom, one byte a pixel: what the text finder
/// and Tesseract look at.
struct GrayImage: Sendable, Hashable {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "GrayImage: \(width)×\(height) needs \(width * height) bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// This picture at half the size, each pixel the mean of a 2×2 block (an odd last
    /// row or column is dropped).
    func halved() -> GrayImage {
        let newWidth = max(1, width / 2)
        let newHeight = max(1, height / 2)
        guard width >= 2, height >= 2 else { return self }
        var result = [UInt8](repeating: 0, count: newWidth * newHeight)
        pixels.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for y in 0..<newHeight {
                    let top = 2 * y * width
                    let bottom = top + width
                    for x in 0..<newWidth {
                        let sum = Int(source[top + 2 * x]) + Int(source[top + 2 * x + 1])
                            + Int(source[bottom + 2 * x]) + Int(source[bottom + 2 * x + 1])
                        target[y * newWidth + x] = UInt8((sum + 2) / 4)
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: result)
    }
}

extension GrayImage {
    /// `image` in grey (ITU-R BT.601 luma), `scale` times its size: each pixel the mean
    /// of the block it covers when shrinking, bilinear when growing.
    ///
    /// Shrinking keeps only one row of sums, so a 12-megapixel photo never exists in
    /// grey at full size.
    init(_ image: RGBImage, scale: Double) {
        let newWidth = max(1, Int((Double(image.width) * scale).rounded()))
        let newHeight = max(1, Int((Double(image.height) * scale).rounded()))
        if newWidth >= image.width && newHeight >= image.height && (newWidth, newHeight) != (image.width, image.height) {
            self = GrayImage(image, scale: 1).resampled(width: newWidth, height: newHeight)
        } else {
            self = Self.shrunk(image, width: min(newWidth, image.width), height: min(newHeight, image.height))
        }
    }

    /// Area-average down-sampling from RGB straight to grey. When each target pixel
    /// covers four or more source pixels across (or down), every other source column
    /// (or row) is read: the mean barely changes, and a 12-megapixel photo costs half.
    private static func shrunk(_ image: RGBImage, width: Int, height: Int) -> GrayImage {
        let sourceWidth = image.width
        let sourceHeight = image.height
        let columnStep = sourceWidth >= 4 * width ? 2 : 1
        let rowStep = sourceHeight >= 4 * height ? 2 : 1
        var result = [UInt8](repeating: 0, count: width * height)
        // Source column range of each target column.
        let columnStart = (0...width).map { $0 * sourceWidth / width }
        var rowSums = [Int](repeating: 0, count: sourceWidth)
        image.pixels.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                rowSums.withUnsafeMutableBufferPointer { sums in
                    for y in 0..<height {
                        let rowStart = y * sourceHeight / height
                        let rowEnd = max(rowStart + 1, (y + 1) * sourceHeight / height)
                        for index in 0..<sourceWidth { sums[index] = 0 }
                        var rows = 0
                        for sourceY in stride(from: rowStart, to: rowEnd, by: rowStep) {
                            let rowOffset = sourceY * sourceWidth * 3
                            for index in stride(from: 0, to: sourceWidth, by: columnStep) {
                                let offset = rowOffset + index * 3
                                // 8-bit fixed-point luma: 77 R + 150 G + 29 B over 256.
                                sums[index] += 77 * Int(source[offset]) + 150 * Int(source[offset + 1]) + 29 * Int(source[offset + 2])
                            }
                            rows += 1
                        }
                        for x in 0..<width {
                            // Start on a column that was summed.
                            let start = (columnStart[x] + columnStep - 1) / columnStep * columnStep
                            let end = max(start + 1, columnStart[x + 1])
                            var sum = 0
                            var columns = 0
                            for index in stride(from: start, to: min(end, sourceWidth), by: columnStep) {
                                sum += sums[index]
                                columns += 1
                            }
                            let count = max(1, columns * rows) * 256
                            target[y * width + x] = UInt8(min(255, (sum + count / 2) / count))
                        }
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: result)
    }

    /// Bilinear resampling to a larger size.
    func resampled(width newWidth: Int, height newHeight: Int) -> GrayImage {
        var result = [UInt8](repeating: 0, count: newWidth * newHeight)
        let scaleX = Double(width) / Double(newWidth)
        let scaleY = Double(height) / Double(newHeight)
        pixels.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for y in 0..<newHeight {
                    let sourceY = max(0, min(Double(height - 1), (Double(y) + 0.5) * scaleY - 0.5))
                    let y0 = Int(sourceY)
                    let y1 = min(height - 1, y0 + 1)
                    let fy = sourceY - Double(y0)
                    for x in 0..<newWidth {
                        let sourceX = max(0, min(Double(width - 1), (Double(x) + 0.5) * scaleX - 0.5))
                        let x0 = Int(sourceX)
                        let x1 = min(width - 1, x0 + 1)
                        let fx = sourceX - Double(x0)
                        let top = Double(source[y0 * width + x0]) * (1 - fx) + Double(source[y0 * width + x1]) * fx
                        let bottom = Double(source[y1 * width + x0]) * (1 - fx) + Double(source[y1 * width + x1]) * fx
                        target[y * newWidth + x] = UInt8((top * (1 - fy) + bottom * fy).rounded())
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: result)
    }
}
