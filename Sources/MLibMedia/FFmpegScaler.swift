import CFFmpeg
import MLibCore

/// A swscale context that turns decoded frames into `RGBImage`s and RGB pictures into
/// an encoder's frames, reused while sizes and formats stay the same.
///
/// Owned and used by one thread. Colours follow what the frame says of itself (matrix
/// and range), read the way FFmpeg's `scale` filter reads them, so results match
/// `ffmpeg -pix_fmt rgb24` given the same flags.
struct FFmpegScaler: ~Copyable {
    /// Bicubic, whose kernel widens with the reduction so pictures do not alias when
    /// shrunk; exact rounding; chroma interpolated to full resolution. Of swscale's
    /// choices this lands closest to libjpeg's own decoding, and so to PIL's.
    static let pictureFlags = SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT
    /// Area averaging for video frames: a proper reduction (1080p to 720p and beyond) at
    /// half the cost of bicubic; with the picture flags, conversion took a third of
    /// sampling time, for differences no model sees.
    static let frameFlags = SWS_AREA
    /// Lanczos for thumbnails: a strong reduction that stays sharp.
    static let thumbnailFlags = SWS_LANCZOS | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT

    private var context: OpaquePointer?
    /// Upsamples chroma before the RGB conversion (see `fullChroma`), with its frame.
    private var upsampler: OpaquePointer?
    private var planar: UnsafeMutablePointer<AVFrame>?

    init() {}

    deinit {
        mlib_sws_freeContext(context)
        mlib_sws_freeContext(upsampler)
        var owned = planar
        mlib_av_frame_free(&owned)
    }

    /// `frame` converted to RGB at `width`×`height`; nil when swscale cannot read its format.
    ///
    /// Alpha is dropped and the colour channels kept, as PIL's `convert("RGB")` does.
    mutating func rgbImage(
        from frame: UnsafePointer<AVFrame>, width: Int, height: Int, flags: Int32 = pictureFlags
    ) -> RGBImage? {
        let source = frame.pointee
        guard source.width > 0, source.height > 0, width > 0, height > 0 else { return nil }
        let (format, impliesFullRange) = Self.withoutJPEGRange(AVPixelFormat(rawValue: source.format))
        if flags & SWS_FULL_CHR_H_INT != 0, Self.subsampled.contains(format.rawValue) {
            guard
                let planar = fullChroma(
                    frame, format: format, fullRange: impliesFullRange, width: width, height: height)
            else { return nil }
            return rgbImage(from: planar, width: width, height: height, flags: SWS_BICUBIC | SWS_ACCURATE_RND)
        }
        context = mlib_sws_getCachedContext(
            context, source.width, source.height, format, Int32(width), Int32(height), AV_PIX_FMT_RGB24, flags,
            nil, nil, nil)
        guard let context else { return nil }
        var sourceRange: Int32? = impliesFullRange ? 1 : nil
        if source.color_range == AVCOL_RANGE_JPEG { sourceRange = 1 }
        if source.color_range == AVCOL_RANGE_MPEG { sourceRange = 0 }
        Self.setColours(context, matrix: source.colorspace, sourceRange: sourceRange, range: 1)

        let stride = width * 3
        // swscale's vector code may store a little past the last pixel; the slack is cut off after.
        let slack = 64
        var failed = false
        var pixels = [UInt8](unsafeUninitializedCapacity: stride * height + slack) { buffer, count in
            let written = mlib_sws_scale_frame_to_packed(context, frame, buffer.baseAddress, Int32(stride))
            failed = written <= 0
            count = stride * height + slack
        }
        guard !failed else { return nil }
        pixels.removeLast(slack)
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Fills `frame` (size and format set, buffers allocated) from `image`, full range
    /// with BT.601 colours as JPEG files expect; false when swscale refuses.
    mutating func fill(
        _ frame: UnsafeMutablePointer<AVFrame>, from image: RGBImage, flags: Int32 = thumbnailFlags
    ) -> Bool {
        let target = frame.pointee
        context = mlib_sws_getCachedContext(
            context, Int32(image.width), Int32(image.height), AV_PIX_FMT_RGB24, target.width, target.height,
            AVPixelFormat(rawValue: target.format), flags, nil, nil, nil)
        guard let context else { return false }
        Self.setColours(context, matrix: AVCOL_SPC_BT470BG, sourceRange: 1, range: 1)
        return image.pixels.withUnsafeBufferPointer { pixels in
            mlib_sws_scale_packed_to_frame(
                context, pixels.baseAddress, Int32(image.width * 3), Int32(image.height), frame)
                > 0
        }
    }

    /// 8-bit YUV formats whose chroma has less resolution than their luma.
    private static let subsampled = Set(
        [AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUV411P, AV_PIX_FMT_YUV440P, AV_PIX_FMT_YUV410P]
            .map(\.rawValue))

    /// `frame` as full-resolution YUV (4:4:4) at `width`×`height`, its range and matrix kept.
    ///
    /// swscale's exact path from subsampled YUV to RGB with full-resolution chroma is
    /// slow C code (0.4 s for 12 megapixels); upsampling the chroma planes with its
    /// vector-accelerated scaler first, then converting, lands about as close to
    /// libjpeg's own output in a third of the time.
    private mutating func fullChroma(
        _ frame: UnsafePointer<AVFrame>, format: AVPixelFormat, fullRange: Bool, width: Int, height: Int
    ) -> UnsafePointer<AVFrame>? {
        let source = frame.pointee
        if planar == nil || planar!.pointee.width != Int32(width) || planar!.pointee.height != Int32(height) {
            mlib_av_frame_free(&planar)
            planar = mlib_av_frame_alloc()
            guard let planar else { return nil }
            planar.pointee.width = Int32(width)
            planar.pointee.height = Int32(height)
            planar.pointee.format = AV_PIX_FMT_YUV444P.rawValue
            guard mlib_av_frame_get_buffer(planar, 0) >= 0 else {
                mlib_av_frame_free(&self.planar)
                return nil
            }
        }
        guard let planar else { return nil }
        upsampler = mlib_sws_getCachedContext(
            upsampler, source.width, source.height, format, Int32(width), Int32(height), AV_PIX_FMT_YUV444P,
            SWS_BICUBIC | SWS_ACCURATE_RND, nil, nil, nil)
        guard let upsampler else { return nil }
        let isFull = source.color_range == AVCOL_RANGE_JPEG || (source.color_range != AVCOL_RANGE_MPEG && fullRange)
        // The same range on both sides: only the planes' resolution changes.
        Self.setColours(upsampler, matrix: source.colorspace, sourceRange: isFull ? 1 : 0, range: isFull ? 1 : 0)
        guard mlib_sws_scale_frame_to_frame(upsampler, frame, planar) > 0 else { return nil }
        planar.pointee.color_range = isFull ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG
        planar.pointee.colorspace = source.colorspace
        return UnsafePointer(planar)
    }

    /// The plain format for FFmpeg's deprecated full-range `yuvj` formats, and whether
    /// it was one: swscale then needs the range said out loud.
    private static func withoutJPEGRange(_ format: AVPixelFormat) -> (AVPixelFormat, Bool) {
        switch format {
        case AV_PIX_FMT_YUVJ420P: (AV_PIX_FMT_YUV420P, true)
        case AV_PIX_FMT_YUVJ422P: (AV_PIX_FMT_YUV422P, true)
        case AV_PIX_FMT_YUVJ444P: (AV_PIX_FMT_YUV444P, true)
        case AV_PIX_FMT_YUVJ440P: (AV_PIX_FMT_YUV440P, true)
        case AV_PIX_FMT_YUVJ411P: (AV_PIX_FMT_YUV411P, true)
        default: (format, false)
        }
    }

    /// Sets the YUV matrix of `matrix` and the ranges; a nil `sourceRange` keeps
    /// swscale's own guess for the format (full for grey, limited for YUV).
    private static func setColours(_ context: OpaquePointer, matrix: AVColorSpace, sourceRange: Int32?, range: Int32) {
        var sourceTable: UnsafeMutablePointer<Int32>?
        var table: UnsafeMutablePointer<Int32>?
        var currentSourceRange: Int32 = 0
        var currentRange: Int32 = 0
        var brightness: Int32 = 0
        var contrast: Int32 = 0
        var saturation: Int32 = 0
        // Fails for RGB to RGB, where there is nothing to set.
        guard
            mlib_sws_getColorspaceDetails(
                context, &sourceTable, &currentSourceRange, &table, &currentRange, &brightness, &contrast, &saturation)
                >= 0
        else { return }
        mlib_sws_setColorspaceDetails(
            context, coefficients(matrix), sourceRange ?? currentSourceRange, coefficients(AVCOL_SPC_BT470BG), range,
            brightness, contrast, saturation)
    }

    /// swscale's YUV→RGB coefficients for `matrix`; unknown or unsupported matrices
    /// get BT.601, as in FFmpeg's `scale` filter.
    private static func coefficients(_ matrix: AVColorSpace) -> UnsafePointer<Int32>? {
        var value = Int32(matrix.rawValue)
        if value < 1 || value > 10 || value == 8 { value = Int32(AVCOL_SPC_BT470BG.rawValue) }
        return mlib_sws_getCoefficients(value)
    }
}
