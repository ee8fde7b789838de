extension ImageContainer {
    /// Reads IFD0 for the size and checks its strips or tiles lie inside the file;
    /// the whole file is the EXIF structure.
    static func parseTIFF(_ bytes: ImageBytes) throws(Damage) -> ImageContainer {
        var container = ImageContainer(format: .tiff)
        let bigEndian = bytes[0] == UInt8(ascii: "M")
        guard bytes.uint16(at: 2, bigEndian: bigEndian) == 42 else {
            return container  // BigTIFF: neither we nor libexif read its 64-bit offsets
        }
        guard let ifd = bytes.uint32(at: 4, bigEndian: bigEndian), bytes.count >= 8 else {
            throw truncated(.tiff, "the header ends after \(grouped(bytes.count)) bytes")
        }
        guard let entryCount = bytes.uint16(at: ifd, bigEndian: bigEndian),
            bytes.contains(ifd + 2, count: entryCount * 12)
        else {
            guard bytes.isWholeFile else { return container }
            guard ifd >= 8 else { throw corrupt(.tiff, "the first directory offset \(ifd) is invalid") }
            throw truncated(.tiff, "the first directory lies past the end of the file at \(grouped(bytes.count)) bytes")
        }
        var offsets: [Int] = []
        var lengths: [Int] = []
        for index in 0..<entryCount {
            let entry = ifd + 2 + index * 12
            guard let tag = bytes.uint16(at: entry, bigEndian: bigEndian) else { break }
            switch tag {
            case 256: container.width = tiffValues(bytes, entry: entry, bigEndian: bigEndian).first
            case 257: container.height = tiffValues(bytes, entry: entry, bigEndian: bigEndian).first
            case 273, 324: offsets = tiffValues(bytes, entry: entry, bigEndian: bigEndian)
            case 279, 325: lengths = tiffValues(bytes, entry: entry, bigEndian: bigEndian)
            case 33723: container.iptc = tiffBytes(bytes, entry: entry, bigEndian: bigEndian)
            case 34377: container.photoshop = tiffBytes(bytes, entry: entry, bigEndian: bigEndian).map(Array.init)
            default: break
            }
        }
        guard let width = container.width, let height = container.height, width > 0, height > 0 else {
            throw corrupt(.tiff, "the first directory gives no image size")
        }
        if bytes.isWholeFile {
            for (offset, length) in zip(offsets, lengths) where offset + length > bytes.count {
                throw truncated(.tiff, "image data stops after \(grouped(bytes.count)) bytes")
            }
        }
        container.exif = bytes.storage[...]
        return container
    }

    /// The raw bytes of one IFD entry's value, whatever its type.
    private static func tiffBytes(_ bytes: ImageBytes, entry: Int, bigEndian: Bool) -> ArraySlice<UInt8>? {
        let sizes = [1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8]
        guard let type = bytes.uint16(at: entry + 2, bigEndian: bigEndian), let size = sizes[type],
            let count = bytes.uint32(at: entry + 4, bigEndian: bigEndian)
        else { return nil }
        let length = count * size
        if length <= 4 { return bytes.bytes(at: entry + 8, count: length) }
        guard let pointer = bytes.uint32(at: entry + 8, bigEndian: bigEndian) else { return nil }
        return bytes.bytes(at: pointer, count: length)
    }

    /// The SHORT or LONG values of one IFD entry, inline or at their offset.
    private static func tiffValues(_ bytes: ImageBytes, entry: Int, bigEndian: Bool) -> [Int] {
        guard let type = bytes.uint16(at: entry + 2, bigEndian: bigEndian),
            let count = bytes.uint32(at: entry + 4, bigEndian: bigEndian), count > 0, count <= 1 << 20
        else { return [] }
        let size: Int
        switch type {
        case 3: size = 2
        case 4: size = 4
        default: return []
        }
        var start = entry + 8
        if count * size > 4 {
            guard let pointer = bytes.uint32(at: entry + 8, bigEndian: bigEndian),
                bytes.contains(pointer, count: count * size)
            else { return [] }
            start = pointer
        }
        return (0..<count).compactMap { index in
            size == 2
                ? bytes.uint16(at: start + index * 2, bigEndian: bigEndian)
                : bytes.uint32(at: start + index * 4, bigEndian: bigEndian)
        }
    }
}
