extension ImageContainer {
    /// Reads the logical screen size, then walks the blocks to the trailer.
    static func parseGIF(_ bytes: ImageBytes) throws(Damage) -> ImageContainer {
        var container = ImageContainer(format: .gif)
        guard let width = bytes.uint16(at: 6, bigEndian: false), let height = bytes.uint16(at: 8, bigEndian: false),
            let flags = bytes[10], bytes.count >= 13
        else {
            throw truncated(.gif, "the header ends after \(grouped(bytes.count)) bytes")
        }
        guard width > 0, height > 0 else { throw corrupt(.gif, "the header gives a size of 0") }
        container.width = width
        container.height = height
        var position = 13 + colorTableSize(flags)
        var sawImage = false
        while true {
            guard let introducer = bytes[position] else {
                guard bytes.isWholeFile else { return container }
                throw truncated(.gif, "no trailer after \(grouped(bytes.count)) bytes")
            }
            switch introducer {
            case 0x3B:
                guard sawImage else { throw corrupt(.gif, "the file holds no image") }
                return container
            case 0x21:
                position = skipSubBlocks(bytes, from: position + 2)
            case 0x2C:
                guard let imageFlags = bytes[position + 9] else {
                    position = bytes.count + 1
                    continue
                }
                sawImage = true
                position = skipSubBlocks(bytes, from: position + 10 + colorTableSize(imageFlags) + 1)
            default:
                throw corrupt(.gif, "unknown block 0x\(hex(introducer)) at byte \(grouped(position))")
            }
            if position > bytes.count {
                guard bytes.isWholeFile else { return container }
                throw truncated(.gif, "a block runs past the end of the file at \(grouped(bytes.count)) bytes")
            }
        }
    }

    private static func colorTableSize(_ flags: UInt8) -> Int {
        flags & 0x80 == 0 ? 0 : 3 << (Int(flags & 0x07) + 1)
    }

    /// The offset after a run of data sub-blocks, or past the end if they are cut off.
    private static func skipSubBlocks(_ bytes: ImageBytes, from start: Int) -> Int {
        var position = start
        while let size = bytes[position] {
            if size == 0 { return position + 1 }
            position += Int(size) + 1
        }
        return bytes.count + 1
    }
}
