#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFFmpeg
public import MLibCore

/// Makes small JPEG thumbnails of pictures with FFmpeg's JPEG encoder.
///
/// The picture is shrunk (never enlarged) so its longer side is at most `longestSide`,
/// with swscale's Lanczos filter, and stored as a baseline JFIF JPEG in full-range
/// BT.601 colour, as JPEG viewers expect, so blacks stay black and whites white.
///
/// ```swift
/// let picture = try PictureDecoder().decode(path, request: PictureRequest(minimumShortSide: 320))
/// try ThumbnailEncoder().write(picture.image, to: cacheFolder.appending(component: "1234.jpg"))
/// ```
public struct ThumbnailEncoder: Sendable {
    /// The longer side of a thumbnail, at most.
    public var longestSide: Int
    /// FFmpeg's JPEG quantiser scale: 2 is the finest, 31 the coarsest; 3 looks like a
    /// libjpeg quality of about 90.
    static let quantiser: Int32 = 3

    public init(longestSide: Int = 320) {
        self.longestSide = max(1, longestSide)
    }

    /// The thumbnail's size for a `width`×`height` picture.
    public func size(width: Int, height: Int) -> (width: Int, height: Int) {
        let scale = min(1, Double(longestSide) / Double(max(width, height)))
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }

    /// The thumbnail of `image` as the bytes of a JPEG file.
    public func encode(_ image: RGBImage) throws(MediaError) -> [UInt8] {
        try encode(image, path: RawPath("thumbnail"))
    }

    /// Writes the thumbnail of `image` to `path`, replacing any file there at once
    /// (a temporary file beside it is renamed over it), so no reader sees half a file.
    public func write(_ image: RGBImage, to path: RawPath) throws(MediaError) {
        try AtomicFile.write(encode(image, path: path), to: path, what: "thumbnail")
    }

    private func encode(_ image: RGBImage, path: RawPath) throws(MediaError) -> [UInt8] {
        try FFmpegLibrary.require(for: path, "make thumbnails")
        let size = size(width: image.width, height: image.height)
        let codec = try FFmpegCodec(encoding: AV_CODEC_ID_MJPEG, path: path) { context in
            context.pointee.width = Int32(size.width)
            context.pointee.height = Int32(size.height)
            context.pointee.pix_fmt = AV_PIX_FMT_YUVJ420P
            context.pointee.color_range = AVCOL_RANGE_JPEG
            context.pointee.colorspace = AVCOL_SPC_BT470BG
            context.pointee.time_base = AVRational(num: 1, den: 25)
            context.pointee.flags |= AV_CODEC_FLAG_QSCALE | AV_CODEC_FLAG_BITEXACT
            context.pointee.global_quality = FF_QP2LAMBDA * Self.quantiser
            context.pointee.thread_count = 1
        }
        let frame = try FFmpegFrame(path: path)
        frame.pointer.pointee.width = Int32(size.width)
        frame.pointer.pointee.height = Int32(size.height)
        frame.pointer.pointee.format = AV_PIX_FMT_YUVJ420P.rawValue
        frame.pointer.pointee.color_range = AVCOL_RANGE_JPEG
        frame.pointer.pointee.colorspace = AVCOL_SPC_BT470BG
        frame.pointer.pointee.quality = FF_QP2LAMBDA * Self.quantiser
        frame.pointer.pointee.pts = 0
        guard mlib_av_frame_get_buffer(frame.pointer, 0) >= 0 else {
            throw MediaError(.io, path: path, detail: "cannot make the thumbnail: FFmpeg is out of memory")
        }
        var scaler = FFmpegScaler()
        guard scaler.fill(frame.pointer, from: image) else {
            throw MediaError(
                .io, path: path, detail: "cannot make the thumbnail: swscale refused to shrink the picture")
        }
        let packet = try FFmpegPacket(path: path)
        var code = mlib_avcodec_send_frame(codec.context, frame.pointer)
        if code >= 0 {
            code = mlib_avcodec_receive_packet(codec.context, packet.pointer)
            if code == mlib_averror(EAGAIN) {
                _ = mlib_avcodec_send_frame(codec.context, nil)
                code = mlib_avcodec_receive_packet(codec.context, packet.pointer)
            }
        }
        guard code >= 0, let data = packet.pointer.pointee.data else {
            throw MediaError(
                .io, path: path,
                detail: "cannot make the thumbnail: FFmpeg's JPEG encoder failed (\(FFmpegStatus.message(code)))")
        }
        return Array(UnsafeBufferPointer(start: data, count: Int(packet.pointer.pointee.size)))
    }
}
