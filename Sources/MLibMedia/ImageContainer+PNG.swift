extension ImageContainer {
    /// Reads IHDR for the size, then walks the chunk list to IEND, keeping the
    /// `eXIf` chunk and the XMP `iTXt` chunk.
    static func parsePNG(_ bytes: ImageBytes) throws(Damage) -> ImageContainer {
        var container = ImageContainer(format: .png)
        guard let length = bytes.uint32(at: 8, bigEndian: true), bytes.contains(8, count: 8 + 13 + 4) else {
            throw truncated(.png, "the header ends after \(grouped(bytes.count)) bytes")
        }
        guard bytes.matches("IHDR", at: 12), length == 13 else {
            throw corrupt(.png, "the first chunk is not a valid IHDR header")
        }
        guard let width = bytes.uint32(at: 16, bigEndian: true), let height = bytes.uint32(at: 20, bigEndian: true),
            width > 0, height > 0, width < 1 << 31, height < 1 << 31
        else {
            throw corrupt(.png, "the header gives an impossible size")
        }
        container.width = width
        container.height = height
        var position = 8
        while true {
            guard let chunkLength = bytes.uint32(at: position, bigEndian: true), bytes.contains(position + 4, count: 4)
            else {
                guard bytes.isWholeFile else { return container }
                throw truncated(.png, "no end chunk after \(grouped(bytes.count)) bytes")
            }
            guard chunkLength < 1 << 31, isChunkType(bytes, at: position + 4) else {
                throw corrupt(.png, "invalid chunk at byte \(grouped(position))")
            }
            let dataStart = position + 8
            guard bytes.contains(dataStart, count: chunkLength + 4) else {
                guard bytes.isWholeFile else { return container }
                throw truncated(.png, "a chunk runs past the end of the file at \(grouped(bytes.count)) bytes")
            }
            let data = bytes.storage[dataStart..<(dataStart + chunkLength)]
            if bytes.matches("IEND", at: position + 4) {
                return container
            } else if bytes.matches("eXIf", at: position + 4), container.exif == nil {
                container.exif = droppingExifHeader(data)
            } else if bytes.matches("iTXt", at: position + 4), container.xmp == nil {
                container.xmp = uncompressedXMP(inInternationalText: data)
            }
            position = dataStart + chunkLength + 4
        }
    }

    private static func isChunkType(_ bytes: ImageBytes, at offset: Int) -> Bool {
        guard let type = bytes.bytes(at: offset, count: 4) else { return false }
        return type.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// The text of an `iTXt` chunk whose keyword is `XML:com.adobe.xmp`, when stored
    /// uncompressed (as XMP writers do, so readers can find it by scanning).
    private static func uncompressedXMP(inInternationalText data: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let keyword = Array("XML:com.adobe.xmp\0".utf8)
        guard data.starts(with: keyword) else { return nil }
        var index = data.startIndex + keyword.count
        guard index + 2 <= data.endIndex, data[index] == 0 else { return nil }
        index += 2  // compression flag and method
        for _ in 0..<2 {  // language tag, translated keyword
            guard let nul = data[index...].firstIndex(of: 0) else { return nil }
            index = nul + 1
        }
        return data[index...]
    }
}
