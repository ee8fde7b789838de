extension ImageContainer {
    /// Walks the JPEG marker segments up to the first scan, then makes sure the
    /// entropy-coded data reaches an end-of-image marker.
    static func parseJPEG(_ bytes: ImageBytes) throws(Damage) -> ImageContainer {
        var container = ImageContainer(format: .jpeg)
        var photoshop: [UInt8] = []
        var position = 2
        var scanStart: Int?
        markers: while true {
            guard let first = bytes[position] else {
                guard bytes.isWholeFile else { return container }
                throw truncated(.jpeg, "no image data after \(grouped(bytes.count)) bytes")
            }
            guard first == 0xFF else {
                throw corrupt(.jpeg, "expected a marker at byte \(grouped(position)), found 0x\(hex(first))")
            }
            var markerOffset = position + 1
            while bytes[markerOffset] == 0xFF { markerOffset += 1 }
            guard let marker = bytes[markerOffset] else {
                guard bytes.isWholeFile else { return container }
                throw truncated(.jpeg, "no image data after \(grouped(bytes.count)) bytes")
            }
            position = markerOffset + 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue markers
            case 0xD9:
                throw corrupt(.jpeg, "the image ends before any image data")
            case 0xC0...0xFE where marker != 0xD8:
                break
            default:
                throw corrupt(.jpeg, "invalid marker 0x\(hex(marker)) at byte \(grouped(markerOffset))")
            }
            guard let length = bytes.uint16(at: position, bigEndian: true) else {
                guard bytes.isWholeFile else { return container }
                throw truncated(.jpeg, "no image data after \(grouped(bytes.count)) bytes")
            }
            guard length >= 2 else {
                throw corrupt(.jpeg, "segment 0x\(hex(marker)) at byte \(grouped(markerOffset)) has length \(length)")
            }
            guard let payload = bytes.bytes(at: position + 2, count: length - 2) else {
                guard bytes.isWholeFile else { return container }
                throw truncated(.jpeg, "no image data after \(grouped(bytes.count)) bytes")
            }
            position += length
            switch marker {
            case 0xE1:
                let exifHeader = Array("Exif\0\0".utf8)
                let xmpHeader = Array("http://ns.adobe.com/xap/1.0/\0".utf8)
                if container.exif == nil, payload.starts(with: exifHeader) {
                    container.exif = payload.dropFirst(exifHeader.count)
                } else if container.xmp == nil, payload.starts(with: xmpHeader) {
                    container.xmp = payload.dropFirst(xmpHeader.count)
                }
            case 0xED:
                let header = Array("Photoshop 3.0\0".utf8)
                if payload.starts(with: header) {
                    photoshop.append(contentsOf: payload.dropFirst(header.count))
                }
            case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF:
                if container.width == nil {
                    let start = payload.startIndex
                    guard let height = bytes.uint16(at: start + 1, bigEndian: true),
                        let width = bytes.uint16(at: start + 3, bigEndian: true), payload.count >= 6
                    else {
                        throw corrupt(.jpeg, "frame header at byte \(grouped(markerOffset)) is too short")
                    }
                    guard width > 0 else { throw corrupt(.jpeg, "frame header gives a width of 0") }
                    container.width = width
                    container.height = height
                }
            case 0xDA:
                scanStart = position
                break markers
            default:
                break
            }
        }
        if !photoshop.isEmpty { container.photoshop = photoshop }
        guard container.width != nil else {
            throw corrupt(.jpeg, "image data without a frame header (no SOF marker)")
        }
        if let scanStart, bytes.isWholeFile, !endsWithEndMarker(bytes) {
            try findEndMarker(bytes, from: scanStart)
        }
        return container
    }

    /// The quick check: most complete JPEGs end with FF D9, perhaps with padding.
    private static func endsWithEndMarker(_ bytes: ImageBytes) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x00 { end -= 1 }
        return end >= 2 && bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9
    }

    /// The thorough check for files with trailers (motion photos, maker data):
    /// scans the entropy-coded data for the end-of-image marker.
    private static func findEndMarker(_ bytes: ImageBytes, from start: Int) throws(Damage) {
        var position = start
        while let found = bytes.firstOffset(of: 0xFF, from: position) {
            guard let marker = bytes[found + 1] else { break }
            switch marker {
            case 0x00, 0x01, 0xD0...0xD7, 0xFF:
                position = found + 1
            case 0xD9:
                return
            default:
                // Progressive files put tables and further scans between scans.
                guard let length = bytes.uint16(at: found + 2, bigEndian: true), length >= 2 else {
                    position = found + 2
                    continue
                }
                position = found + 2 + length
            }
        }
        throw truncated(.jpeg, "image data stops after \(grouped(bytes.count)) bytes without an end marker")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
