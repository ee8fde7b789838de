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
        var valuesEnd = 0
        for index in 0..<entryCount {
            let entry = ifd + 2 + index * 12
            guard let tag = bytes.uint16(at: entry, bigEndian: bigEndian) else { break }
            valuesEnd = max(valuesEnd, tiffValueEnd(bytes, entry: entry, bigEndian: bigEndian))
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
            // libtiff writers put tag values last, so a cut file loses them first.
            if valuesEnd > bytes.count {
                throw truncated(.tiff, "tag values stop after \(grouped(bytes.count)) bytes")
            }
        }
        container.exif = bytes.storage[...]
        return container
    }

    /// The entries `wanted` names from the file's own directories: IFD0 and the
    /// EXIF and GPS directories it points to, wherever they lie in the file.
    ///
    /// Cameras and scanners keep Make, Model, DateTime and the rest in the image's
    /// IFD0, and libtiff writers put it after the pixels; libexif reads only the
    /// first 64 KB (the most a JPEG segment holds), so TIFF files are read here.
    /// `nil` if IFD0 is not there.
    static func tiffEntries(_ bytes: ImageBytes, wanted: [ExifReader.Key]) -> ExifReader.Snapshot? {
        let bigEndian = bytes[0] == UInt8(ascii: "M")
        guard bytes.uint16(at: 2, bigEndian: bigEndian) == 42, let ifd0 = bytes.uint32(at: 4, bigEndian: bigEndian),
            let image = tiffDirectory(bytes, at: ifd0, bigEndian: bigEndian)
        else { return nil }
        var directories: [ExifReader.Key.Directory: [Int: Int]] = [.image: image]
        for (directory, pointerTag) in [(ExifReader.Key.Directory.exif, 0x8769), (.gps, 0x8825)] {
            guard let entry = image[pointerTag], let offset = tiffBytes(bytes, entry: entry, bigEndian: bigEndian),
                offset.count == 4, let start = bytes.uint32(at: offset.startIndex, bigEndian: bigEndian),
                let found = tiffDirectory(bytes, at: start, bigEndian: bigEndian)
            else { continue }
            directories[directory] = found
        }
        var entries: [ExifReader.Key: ExifReader.Entry] = [:]
        for key in wanted {
            guard let entry = directories[key.directory]?[key.tag],
                let type = bytes.uint16(at: entry + 2, bigEndian: bigEndian),
                let count = bytes.uint32(at: entry + 4, bigEndian: bigEndian),
                let value = tiffBytes(bytes, entry: entry, bigEndian: bigEndian)
            else { continue }
            entries[key] = ExifReader.Entry(format: type, components: count, bytes: Array(value))
        }
        return ExifReader.Snapshot(bigEndian: bigEndian, entries: entries)
    }

    /// Tag → offset of its 12-byte entry, for the directory at `offset`; `nil` if
    /// the directory does not fit in the bytes.
    private static func tiffDirectory(_ bytes: ImageBytes, at offset: Int, bigEndian: Bool) -> [Int: Int]? {
        guard offset >= 8, let count = bytes.uint16(at: offset, bigEndian: bigEndian),
            bytes.contains(offset + 2, count: count * 12)
        else { return nil }
        var entries: [Int: Int] = [:]
        for index in 0..<count {
            let entry = offset + 2 + index * 12
            if let tag = bytes.uint16(at: entry, bigEndian: bigEndian), entries[tag] == nil {
                entries[tag] = entry
            }
        }
        return entries
    }

    /// Where the value of one IFD entry ends when stored outside the entry; 0 when
    /// it fits inside or its type is unknown.
    private static func tiffValueEnd(_ bytes: ImageBytes, entry: Int, bigEndian: Bool) -> Int {
        guard let type = bytes.uint16(at: entry + 2, bigEndian: bigEndian), let size = tiffTypeSizes[type],
            let count = bytes.uint32(at: entry + 4, bigEndian: bigEndian), count * size > 4,
            let pointer = bytes.uint32(at: entry + 8, bigEndian: bigEndian)
        else { return 0 }
        return pointer + count * size
    }

    /// Bytes per value of each TIFF field type (BYTE, ASCII, SHORT, LONG, RATIONAL, …, IFD).
    private static let tiffTypeSizes = [1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4]

    /// The raw bytes of one IFD entry's value, whatever its type.
    private static func tiffBytes(_ bytes: ImageBytes, entry: Int, bigEndian: Bool) -> ArraySlice<UInt8>? {
        guard let type = bytes.uint16(at: entry + 2, bigEndian: bigEndian), let size = tiffTypeSizes[type],
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
