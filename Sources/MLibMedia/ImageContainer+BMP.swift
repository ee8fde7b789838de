extension ImageContainer {
    /// Reads the DIB header; checks uncompressed pixel rows fit in the file.
    static func parseBMP(_ bytes: ImageBytes) throws(Damage) -> ImageContainer {
        var container = ImageContainer(format: .bmp)
        guard let pixelOffset = bytes.uint32(at: 10, bigEndian: false),
            let headerSize = bytes.uint32(at: 14, bigEndian: false), bytes.count >= 26
        else {
            throw truncated(.bmp, "the header ends after \(grouped(bytes.count)) bytes")
        }
        let width: Int
        let height: Int
        var bitsPerPixel: Int?
        var compression = 0
        if headerSize == 12 {
            guard let w = bytes.uint16(at: 18, bigEndian: false), let h = bytes.uint16(at: 20, bigEndian: false),
                let bits = bytes.uint16(at: 24, bigEndian: false)
            else { throw truncated(.bmp, "the header ends after \(grouped(bytes.count)) bytes") }
            (width, height, bitsPerPixel) = (w, h, bits)
        } else if headerSize >= 16 {
            guard let w = bytes.uint32(at: 18, bigEndian: false), let h = bytes.uint32(at: 22, bigEndian: false),
                let bits = bytes.uint16(at: 28, bigEndian: false)
            else { throw truncated(.bmp, "the header ends after \(grouped(bytes.count)) bytes") }
            width = Int(Int32(truncatingIfNeeded: w))
            height = abs(Int(Int32(truncatingIfNeeded: h)))  // negative: rows stored top-down
            bitsPerPixel = bits
            compression = headerSize >= 20 ? bytes.uint32(at: 30, bigEndian: false) ?? 0 : 0
        } else {
            throw corrupt(.bmp, "unknown header size \(headerSize)")
        }
        guard width > 0, height > 0 else { throw corrupt(.bmp, "the header gives an impossible size") }
        container.width = width
        container.height = height
        // Uncompressed rows are padded to 4 bytes; anything shorter lost pixels.
        if bytes.isWholeFile, compression == 0 || compression == 3, let bits = bitsPerPixel, bits > 0 {
            let rowBytes = (bits * width + 31) / 32 * 4
            let (pixels, overflow) = rowBytes.multipliedReportingOverflow(by: height)
            let (end, overflowEnd) = pixelOffset.addingReportingOverflow(pixels)
            if overflow || overflowEnd || end > bytes.count {
                throw truncated(.bmp, "pixel data stops after \(grouped(bytes.count)) bytes")
            }
        }
        return container
    }
}
