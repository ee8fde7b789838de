#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFFmpeg
public import MLibCore

/// Decodes the first picture of an image file into an upright `RGBImage`.
///
/// JPEG, PNG (8 and 16 bits, grey, palette, alpha), GIF (its first frame), WebP
/// (still), TIFF and BMP are decoded by FFmpeg from the file's bytes in memory; AVIF
/// through FFmpeg's container layer; HEIC is refused as `.unsupported`, since
/// FFmpeg 5.1 cannot read it. Every result is 8-bit RGB: alpha is dropped and the
/// colour channels kept (as PIL's `convert("RGB")` does), grey, palette, CMYK and
/// 16-bit pictures are converted. The EXIF orientation is read with mlib's own
/// container parsers and applied.
///
/// Large pictures never cost a full-size RGB buffer: a JPEG is decoded at 1/2, 1/4 or
/// 1/8 of its size when the request allows, and anything above
/// `request.maximumPixels` is shrunk by swscale before it becomes RGB. A file whose
/// pictures would be larger than 120 megapixels even after the decoder's own
/// reduction is refused before decoding.
///
/// Files are checked by the same container parsers as metadata extraction, so a JPEG
/// that lost its end is `.truncated` here too, even where FFmpeg would show its top.
/// Pixel aspect ratios (JFIF densities) are ignored, as PIL ignores them.
///
/// ```swift
/// let picture = try PictureDecoder().decode(path, request: PictureRequest(minimumShortSide: 224))
/// picture.image.width  // upright, short side >= 224 (unless the file is smaller)
/// ```
public struct PictureDecoder: Sendable {
    /// The most pixels one decoded frame may have, after the decoder's own reduction.
    static let largestDecodedFrame = 120_000_000
    /// Files larger than this are not read into memory.
    static let largestFile = 512 << 20

    public init() {}

    /// The first picture of the file at `path`, upright and within `request`'s limits.
    ///
    /// Throws `.empty`, `.truncated` or `.corrupt` for files that are not whole
    /// pictures, `.unsupported` for formats or sizes it does not decode, and
    /// `.vanished`, `.unreadable`, `.notRegularFile` or `.io` when the file cannot be read.
    public func decode(_ path: RawPath, request: PictureRequest = PictureRequest()) throws(MediaError) -> DecodedPicture
    {
        try FFmpegLibrary.require(for: path, "decode pictures")
        let file = try SourceFile(path: path)
        if file.size == 0 {
            throw MediaError(.empty, path: path, detail: "empty file (0 bytes)")
        }
        if file.size > Self.largestFile {
            throw MediaError(
                .unsupported, path: path,
                detail:
                    "file too large to decode as a picture (\(file.size >> 20) MiB; mlib decodes pictures up to \(Self.largestFile >> 20) MiB)"
            )
        }
        let bytes = try file.read()
        let head = ImageBytes(bytes)
        guard let format = ImageContainer.format(of: head) else {
            throw MediaError(
                .unsupported, path: path,
                detail: "not a picture mlib decodes; it decodes JPEG, PNG, GIF, WebP, TIFF, BMP and AVIF")
        }
        let container: ImageContainer
        do {
            container = try ImageContainer.parse(head, as: format)
        } catch {
            throw MediaError(error.code, path: path, detail: error.detail)
        }
        let orientation =
            container.exif.flatMap { ExifFields(tiff: $0).orientation }
            .flatMap(ImageOrientation.init(rawValue:)) ?? .up

        var decoded: Decoded
        if let codec = Self.codec(for: format) {
            if format == .webp, Self.isAnimatedWebP(head) {
                throw MediaError(
                    .unsupported, path: path, detail: "animated WebP; FFmpeg 5.1 decodes only still WebP pictures")
            }
            decoded = try decodeInMemory(
                bytes, codec: codec, format: format, width: container.width, height: container.height, request: request,
                path: path)
        } else {
            decoded = try decodeThroughContainer(path, bytes: head, request: request)
        }
        decoded.image = decoded.image.oriented(orientation)
        return DecodedPicture(
            image: decoded.image, sourceWidth: container.width ?? decoded.storedWidth,
            sourceHeight: container.height ?? decoded.storedHeight, orientation: orientation,
            reduction: 1 << decoded.lowres)
    }

    /// What a decoding path delivers, before the orientation is applied.
    struct Decoded {
        var image: RGBImage
        var storedWidth: Int
        var storedHeight: Int
        var lowres: Int
    }

    /// The FFmpeg decoder for formats decoded from memory; nil for HEIF and AVIF.
    private static func codec(for format: ImageContainer.Format) -> AVCodecID? {
        switch format {
        case .jpeg: AV_CODEC_ID_MJPEG
        case .png: AV_CODEC_ID_PNG
        case .gif: AV_CODEC_ID_GIF
        case .bmp: AV_CODEC_ID_BMP
        case .tiff: AV_CODEC_ID_TIFF
        case .webp: AV_CODEC_ID_WEBP
        case .heif: nil
        }
    }

    /// Whether a WebP's extended header (`VP8X`) announces an animation.
    private static func isAnimatedWebP(_ bytes: ImageBytes) -> Bool {
        bytes.matches("VP8X", at: 12) && (bytes[20] ?? 0) & 0x02 != 0
    }

    /// Decodes `bytes`, the whole file, as one packet: what FFmpeg's `image2` demuxer
    /// hands its decoders too. A JPEG the decoder cannot reduce is decoded again whole.
    private func decodeInMemory(
        _ bytes: [UInt8], codec: AVCodecID, format: ImageContainer.Format, width: Int?, height: Int?,
        request: PictureRequest, path: RawPath
    ) throws(MediaError) -> Decoded {
        let maximumLowres = Int(mlib_avcodec_find_decoder(codec)?.pointee.max_lowres ?? 0)
        let lowres = PictureSizePlan(
            width: width ?? 0, height: height ?? 0, request: request, maximumLowres: maximumLowres
        ).lowres
        if let width, let height {
            try Self.checkSize(width: width, height: height, lowres: lowres, path: path)
        }
        let what = "\(format.rawValue) picture"
        do {
            return try decodeInMemory(bytes, codec: codec, lowres: lowres, request: request, what: what, path: path)
        } catch where lowres > 0 && [.corrupt, .unsupported].contains(error.code) {
            // Lossless and some unusual JPEGs cannot be decoded reduced.
            try Self.checkSize(width: width ?? 0, height: height ?? 0, lowres: 0, path: path)
            return try decodeInMemory(bytes, codec: codec, lowres: 0, request: request, what: what, path: path)
        }
    }

    private func decodeInMemory(
        _ bytes: [UInt8], codec codecID: AVCodecID, lowres: Int, request: PictureRequest, what: String, path: RawPath
    ) throws(MediaError) -> Decoded {
        let codec = try FFmpegCodec(decoding: codecID, path: path) { context, _ in
            context.pointee.lowres = Int32(lowres)
            // FFmpeg checks the stored size, before its reduction.
            context.pointee.max_pixels = Int64(Self.largestDecodedFrame) << (2 * lowres)
            context.pointee.thread_count = 1
        }
        let packet = try FFmpegPacket(copying: bytes, path: path)
        let frame = try FFmpegFrame(path: path)
        var code = codec.send(packet.pointer)
        if code >= 0 {
            code = codec.receive(frame.pointer)
            if code == mlib_averror(EAGAIN) {
                _ = codec.send(nil)
                code = codec.receive(frame.pointer)
            }
        }
        if code < 0 {
            throw FFmpegStatus.decodingError(code, path: path, what: what, codec: codec.name)
        }
        let image = try Self.rgbImage(from: frame, request: request, what: what, path: path)
        let stored = (Int(codec.context.pointee.coded_width), Int(codec.context.pointee.coded_height))
        return Decoded(
            image: image, storedWidth: stored.0 > 0 ? stored.0 : image.width << lowres,
            storedHeight: stored.1 > 0 ? stored.1 : image.height << lowres, lowres: lowres)
    }

    /// Converts a decoded frame to RGB, shrunk to the request's pixel limit.
    static func rgbImage(
        from frame: borrowing FFmpegFrame, request: PictureRequest, what: String, path: RawPath
    ) throws(MediaError) -> RGBImage {
        let decodedWidth = Int(frame.pointer.pointee.width), decodedHeight = Int(frame.pointer.pointee.height)
        let size = PictureSizePlan.fitted(
            width: decodedWidth, height: decodedHeight, maximumPixels: request.maximumPixels)
        var scaler = FFmpegScaler()
        guard let image = scaler.rgbImage(from: frame.pointer, width: size.width, height: size.height) else {
            let format = AVPixelFormat(rawValue: frame.pointer.pointee.format)
            throw MediaError(
                .unsupported, path: path,
                detail: "cannot convert the \(what) to RGB: swscale does not read its pixel format (\(format.rawValue))"
            )
        }
        return image
    }

    /// Refuses pictures whose decoded frame would exceed `largestDecodedFrame`.
    static func checkSize(width: Int, height: Int, lowres: Int, path: RawPath) throws(MediaError) {
        let pixels = PictureSizePlan.reduced(width, lowres).multipliedReportingOverflow(
            by: PictureSizePlan.reduced(height, lowres))
        if pixels.overflow || pixels.partialValue > largestDecodedFrame {
            throw MediaError(
                .unsupported, path: path,
                detail:
                    "picture too large to decode (\(width)×\(height); mlib decodes up to \(largestDecodedFrame / 1_000_000) megapixels)"
            )
        }
    }
}
