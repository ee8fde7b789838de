import CZlib

/// The one place mlib calls zlib: inflates the compressed text of PNG chunks
/// (`zTXt`, compressed `iTXt`), where ImageMagick keeps EXIF, XMP and IPTC.
enum Zlib {
    /// The inflated bytes of a zlib stream; `nil` if the stream is damaged, ends
    /// early, or would inflate past `limit` bytes (a bomb, or not what we want).
    static func inflate(_ data: ArraySlice<UInt8>, limit: Int) -> [UInt8]? {
        var stream = z_stream()
        guard succeeded(mlib_inflate_init(&stream)) else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        return data.withUnsafeBufferPointer { input -> [UInt8]? in
            guard let start = input.baseAddress else { return nil }
            stream.next_in = UnsafeMutablePointer(mutating: start)
            stream.avail_in = UInt32(input.count)
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output += buffer[..<(buffer.count - Int(stream.avail_out))]
                if output.count > limit { return nil }
                if status == Z_STREAM_END { return output }
                // Z_OK with nothing left to read means the stream was cut short.
                guard succeeded(status), stream.avail_in > 0 || stream.avail_out == 0 else { return nil }
            }
        }
    }

    /// Whether a zlib return code reports success; every call's code goes through here.
    private static func succeeded(_ status: Int32) -> Bool {
        status == Z_OK || status == Z_STREAM_END
    }
}
