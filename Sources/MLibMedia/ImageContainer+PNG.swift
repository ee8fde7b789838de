extension ImageContainer {
    /// Reads IHDR for the size, then walks the chunk list to IEND, keeping the
    /// `eXIf` chunk, the XMP `iTXt` chunk and ImageMagick's raw profiles.
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
        // The eXIf chunk and the XMP iTXt chunk are the standard places; ImageMagick's
        // raw profiles count only where those are missing, wherever either comes.
        var exifFromChunk = false
        var xmpFromChunk = false
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
            let type = String(decoding: bytes.storage[(position + 4)..<dataStart], as: UTF8.self)
            if type == "IEND" {
                return container
            } else if type == "eXIf", !exifFromChunk {
                container.exif = droppingExifHeader(data)
                exifFromChunk = true
            } else if let (keyword, text) = pngMetadataText(data, type: type) {
                container.keep(keyword: keyword, text: text, xmpFromChunk: &xmpFromChunk)
            }
            position = dataStart + chunkLength + 4
        }
    }

    private static func isChunkType(_ bytes: ImageBytes, at offset: Int) -> Bool {
        guard let type = bytes.bytes(at: offset, count: 4) else { return false }
        return type.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Keeps the metadata of one text chunk that `pngMetadataText` read; a raw
    /// profile fills only what no standard chunk (nor an earlier profile) has.
    private mutating func keep(keyword: String, text: [UInt8], xmpFromChunk: inout Bool) {
        if keyword == "XML:com.adobe.xmp" {
            if !xmpFromChunk {
                xmp = text[...]
                xmpFromChunk = true
            }
            return
        }
        guard let profile = Self.rawProfile(text) else { return }
        switch keyword.dropFirst("Raw profile type ".count).lowercased() {
        case "exif", "app1":
            if exif == nil { exif = Self.droppingExifHeader(profile[...]) }
        case "xmp":
            if xmp == nil { xmp = profile[...] }
        case "iptc":
            if iptc == nil { iptc = profile[...] }
        case "8bim":
            if photoshop == nil { photoshop = profile }
        default:
            break
        }
    }
}
