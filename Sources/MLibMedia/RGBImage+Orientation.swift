import MLibCore

extension RGBImage {
    /// This picture turned as `orientation` says, so that it is seen upright.
    func oriented(_ orientation: ImageOrientation) -> RGBImage {
        if orientation == .up { return self }
        let (width, height) = orientation.swapsSides ? (self.height, self.width) : (self.width, self.height)
        // Where output pixel (x, y) comes from: source column and row as
        // origin + x·step(x) + y·step(y), in source pixels.
        let w = self.width, h = self.height
        let (origin, stepX, stepY): ((Int, Int), (Int, Int), (Int, Int)) =
            switch orientation {
            case .up: ((0, 0), (1, 0), (0, 1))
            case .upMirrored: ((w - 1, 0), (-1, 0), (0, 1))
            case .down: ((w - 1, h - 1), (-1, 0), (0, -1))
            case .downMirrored: ((0, h - 1), (1, 0), (0, -1))
            case .leftMirrored: ((0, 0), (0, 1), (1, 0))
            case .right: ((0, h - 1), (0, -1), (1, 0))
            case .rightMirrored: ((w - 1, h - 1), (0, -1), (-1, 0))
            case .left: ((w - 1, 0), (0, 1), (-1, 0))
            }
        let rowBytes = w * 3
        let start = origin.1 * rowBytes + origin.0 * 3
        let alongRow = stepX.1 * rowBytes + stepX.0 * 3
        let alongColumn = stepY.1 * rowBytes + stepY.0 * 3
        let turned = [UInt8](unsafeUninitializedCapacity: pixels.count) { output, count in
            pixels.withUnsafeBufferPointer { input in
                guard let source = input.baseAddress, let target = output.baseAddress else { return }
                var written = 0
                for y in 0..<height {
                    var offset = start + y * alongColumn
                    for _ in 0..<width {
                        target[written] = source[offset]
                        target[written + 1] = source[offset + 1]
                        target[written + 2] = source[offset + 2]
                        written += 3
                        offset += alongRow
                    }
                }
            }
            count = pixels.count
        }
        return RGBImage(width: width, height: height, pixels: turned)
    }
}
