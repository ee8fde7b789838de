#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFFmpeg
import MLibCore

extension FFmpegStatus {
    /// The `MediaError` for a codec that would not open, in words that fit pictures,
    /// videos and thumbnails alike.
    static func codecError(_ code: Int32, path: RawPath, codec: String) -> MediaError {
        let text = message(code)
        switch code {
        case mlib_averror(ENOMEM):
            return MediaError(.io, path: path, detail: "cannot start FFmpeg's \(codec) codec: out of memory")
        case mlib_averror(ENOSYS):
            return MediaError(
                .unsupported, path: path, detail: "FFmpeg's \(codec) codec is missing (\(text)); install a full FFmpeg")
        default:
            return MediaError(
                .unsupported, path: path, detail: "FFmpeg's \(codec) codec cannot handle this file (\(text))")
        }
    }

    /// The `MediaError` for a decoder that rejected the data of `what` ("JPEG picture",
    /// "video frame"): damaged data is `.corrupt`, data that stops early `.truncated`.
    static func decodingError(_ code: Int32, path: RawPath, what: String, codec: String) -> MediaError {
        let text = message(code)
        switch code {
        case mlib_averror_eof():
            return MediaError(
                .truncated, path: path, detail: "the \(what) ends early (\(text)); the file may be cut short")
        case mlib_averror(ENOMEM):
            return MediaError(.io, path: path, detail: "cannot decode the \(what): out of memory")
        case mlib_averror(ENOSYS):
            return MediaError(
                .unsupported, path: path, detail: "cannot decode the \(what): FFmpeg's \(codec) decoder is missing")
        case mlib_averror(EINVAL), mlib_averror(ERANGE):
            return MediaError(
                .unsupported, path: path,
                detail:
                    "FFmpeg's \(codec) decoder refuses this \(what) (\(text)); its size or features are beyond what it decodes"
            )
        default:
            return MediaError(
                .corrupt, path: path,
                detail: "cannot decode the \(what): FFmpeg's \(codec) decoder says \(text); the file is damaged")
        }
    }
}
