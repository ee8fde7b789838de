extension ImageContainer {
    /// Reads HEIF/HEIC/AVIF item metadata: the size from the primary item's `ispe`
    /// property and the `Exif` item through `iinf` and `iloc`. Pixels are not decoded.
    static func parseHEIF(_ bytes: ImageBytes) throws(Damage) -> ImageContainer {
        var container = ImageContainer(format: .heif)
        guard let meta = box("meta", in: bytes, from: 0, to: bytes.count) else {
            guard bytes.isWholeFile else { return container }
            throw corrupt(.heif, "no item metadata (meta box) in \(grouped(bytes.count)) bytes")
        }
        let children = meta.start + 4  // meta is a full box
        if let properties = box("iprp", in: bytes, from: children, to: meta.end),
            let propertyList = box("ipco", in: bytes, from: properties.start, to: properties.end)
        {
            var sizes: [Int: (width: Int, height: Int)] = [:]  // by 1-based property index
            var position = propertyList.start
            var index = 1
            while let property = box(at: position, in: bytes, limit: propertyList.end) {
                if property.type == "ispe", let w = bytes.uint32(at: property.start + 4, bigEndian: true),
                    let h = bytes.uint32(at: property.start + 8, bigEndian: true)
                {
                    sizes[index] = (w, h)
                }
                position = property.end
                index += 1
            }
            let primary = primaryItemID(bytes, meta: (children, meta.end)).flatMap { item in
                box("ipma", in: bytes, from: properties.start, to: properties.end).flatMap {
                    propertyIndices(bytes, ipma: $0, item: item).lazy.compactMap { sizes[$0] }.first
                }
            }
            // Without a primary item's size, the largest image is the picture, not a tile or thumbnail.
            if let size = primary ?? sizes.values.max(by: { $0.width * $0.height < $1.width * $1.height }) {
                container.width = size.width
                container.height = size.height
            }
        }
        if let exifItem = exifItemID(bytes, meta: (children, meta.end)),
            let location = box("iloc", in: bytes, from: children, to: meta.end),
            let extent = itemExtent(bytes, iloc: location, item: exifItem),
            let payload = bytes.bytes(at: extent.offset, count: extent.length),
            let tiffOffset = bytes.uint32(at: extent.offset, bigEndian: true), tiffOffset <= payload.count - 4
        {
            container.exif = droppingExifHeader(payload.dropFirst(4 + tiffOffset))
        }
        return container
    }

    private struct Box {
        var type: String
        /// Offset of the first byte after the box header.
        var start: Int
        var end: Int
    }

    private static func box(at position: Int, in bytes: ImageBytes, limit: Int) -> Box? {
        guard let size32 = bytes.uint32(at: position, bigEndian: true),
            let typeBytes = bytes.bytes(at: position + 4, count: 4)
        else { return nil }
        var start = position + 8
        var size = size32
        if size32 == 1 {
            guard let large = bytes.uint64BE(at: position + 8), large <= UInt64(Int.max) else { return nil }
            size = Int(large)
            start += 8
        } else if size32 == 0 {
            size = limit - position
        }
        guard size >= start - position, position + size <= limit else { return nil }
        return Box(type: String(decoding: typeBytes, as: UTF8.self), start: start, end: position + size)
    }

    private static func box(_ type: String, in bytes: ImageBytes, from start: Int, to end: Int) -> Box? {
        var position = start
        while let found = box(at: position, in: bytes, limit: min(end, bytes.count)) {
            if found.type == type { return found }
            position = found.end
        }
        return nil
    }

    private static func primaryItemID(_ bytes: ImageBytes, meta: (start: Int, end: Int)) -> Int? {
        guard let primary = box("pitm", in: bytes, from: meta.start, to: meta.end), let version = bytes[primary.start]
        else { return nil }
        return version == 0
            ? bytes.uint16(at: primary.start + 4, bigEndian: true)
            : bytes.uint32(at: primary.start + 4, bigEndian: true)
    }

    /// The 1-based `ipco` indices of the properties associated with `item`.
    private static func propertyIndices(_ bytes: ImageBytes, ipma: Box, item: Int) -> [Int] {
        guard let version = bytes[ipma.start], let flags = bytes[ipma.start + 3],
            let count = bytes.uint32(at: ipma.start + 4, bigEndian: true)
        else { return [] }
        var position = ipma.start + 8
        for _ in 0..<min(count, ipma.end) {
            let id = version < 1 ? bytes.uint16(at: position, bigEndian: true) : bytes.uint32(at: position, bigEndian: true)
            position += version < 1 ? 2 : 4
            guard let id, let associations = bytes[position] else { return [] }
            position += 1
            var indices: [Int] = []
            for _ in 0..<associations {
                if flags & 1 == 1 {
                    guard let value = bytes.uint16(at: position, bigEndian: true) else { return [] }
                    indices.append(value & 0x7FFF)
                    position += 2
                } else {
                    guard let value = bytes[position] else { return [] }
                    indices.append(Int(value & 0x7F))
                    position += 1
                }
            }
            if id == item { return indices }
            if position >= ipma.end { return [] }
        }
        return []
    }

    /// The ID of the item whose type is `Exif`, from the `iinf` box.
    private static func exifItemID(_ bytes: ImageBytes, meta: (start: Int, end: Int)) -> Int? {
        guard let info = box("iinf", in: bytes, from: meta.start, to: meta.end), let version = bytes[info.start]
        else { return nil }
        var position = info.start + 4 + (version == 0 ? 2 : 4)
        while let entry = box(at: position, in: bytes, limit: info.end) {
            if entry.type == "infe", let entryVersion = bytes[entry.start], entryVersion >= 2 {
                let idSize = entryVersion == 2 ? 2 : 4
                let id = idSize == 2
                    ? bytes.uint16(at: entry.start + 4, bigEndian: true)
                    : bytes.uint32(at: entry.start + 4, bigEndian: true)
                if let id, bytes.matches("Exif", at: entry.start + 4 + idSize + 2) { return id }
            }
            position = entry.end
        }
        return nil
    }

    /// Where the first extent of `item` lies in the file, from the `iloc` box.
    private static func itemExtent(_ bytes: ImageBytes, iloc: Box, item: Int) -> (offset: Int, length: Int)? {
        guard let version = bytes[iloc.start], let sizes = bytes[iloc.start + 4], let moreSizes = bytes[iloc.start + 5]
        else { return nil }
        let offsetSize = Int(sizes >> 4), lengthSize = Int(sizes & 0x0F), baseSize = Int(moreSizes >> 4)
        let indexSize = version == 1 || version == 2 ? Int(moreSizes & 0x0F) : 0
        var position = iloc.start + 6
        func read(_ size: Int) -> Int? {
            defer { position += size }
            switch size {
            case 0: return 0
            case 2: return bytes.uint16(at: position, bigEndian: true)
            case 4: return bytes.uint32(at: position, bigEndian: true)
            case 8: return bytes.uint64BE(at: position).flatMap { $0 <= UInt64(Int32.max) ? Int($0) : nil }
            default: return nil
            }
        }
        guard let count = read(version < 2 ? 2 : 4) else { return nil }
        for _ in 0..<count {
            guard let id = read(version < 2 ? 2 : 4) else { return nil }
            var method = 0
            if version == 1 || version == 2 {
                guard let value = read(2) else { return nil }
                method = value & 0x0F
            }
            guard read(2) != nil, let base = read(baseSize), let extents = read(2) else { return nil }
            var first: (offset: Int, length: Int)?
            for _ in 0..<extents {
                guard read(indexSize) != nil, let offset = read(offsetSize), let length = read(lengthSize)
                else { return nil }
                if first == nil { first = (base + offset, length) }
            }
            if id == item {
                return method == 0 ? first : nil
            }
        }
        return nil
    }
}
