extension ImageContainer {
    /// Walks the RIFF chunks: the size from VP8X, VP8 or VP8L, metadata from the
    /// `EXIF` and `XMP ` chunks.
    static func parseWebP(_ bytes: ImageBytes) throws(Damage) -> ImageContainer {
        var container = ImageContainer(format: .webp)
        guard let riffSize = bytes.uint32(at: 4, bigEndian: false), bytes.count >= 20 else {
            throw truncated(.webp, "the header ends after \(grouped(bytes.count)) bytes")
        }
        let end = min(8 + riffSize, bytes.count)
        if bytes.isWholeFile, 8 + riffSize > bytes.count {
            throw truncated(.webp, "the file has \(grouped(bytes.count)) of \(grouped(8 + riffSize)) bytes")
        }
        var position = 12
        while position + 8 <= end {
            guard let size = bytes.uint32(at: position + 4, bigEndian: false) else { break }
            let dataStart = position + 8
            guard dataStart + size <= end, let data = bytes.bytes(at: dataStart, count: size) else {
                guard bytes.isWholeFile else { break }
                throw truncated(.webp, "a chunk runs past the end of the file at \(grouped(bytes.count)) bytes")
            }
            if bytes.matches("VP8X", at: position) {
                if let w = bytes.uint24LE(at: dataStart + 4), let h = bytes.uint24LE(at: dataStart + 7), size >= 10 {
                    container.width = w + 1
                    container.height = h + 1
                }
            } else if bytes.matches("VP8 ", at: position), container.width == nil {
                guard size >= 10, bytes[dataStart + 3] == 0x9D, bytes[dataStart + 4] == 0x01,
                    bytes[dataStart + 5] == 0x2A, let w = bytes.uint16(at: dataStart + 6, bigEndian: false),
                    let h = bytes.uint16(at: dataStart + 8, bigEndian: false)
                else { throw corrupt(.webp, "the VP8 frame header is invalid") }
                container.width = w & 0x3FFF
                container.height = h & 0x3FFF
            } else if bytes.matches("VP8L", at: position), container.width == nil {
                guard size >= 5, bytes[dataStart] == 0x2F, let bits = bytes.uint32(at: dataStart + 1, bigEndian: false)
                else { throw corrupt(.webp, "the VP8L header is invalid") }
                container.width = (bits & 0x3FFF) + 1
                container.height = (bits >> 14 & 0x3FFF) + 1
            } else if bytes.matches("EXIF", at: position), container.exif == nil {
                container.exif = droppingExifHeader(data)
            } else if bytes.matches("XMP ", at: position), container.xmp == nil {
                container.xmp = data
            }
            position = dataStart + size + (size & 1)
        }
        guard let width = container.width, let height = container.height else {
            guard bytes.isWholeFile else { return container }
            throw corrupt(.webp, "no VP8, VP8L or VP8X image header")
        }
        guard width > 0, height > 0 else { throw corrupt(.webp, "the header gives a size of 0") }
        return container
    }
}
