#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFFmpeg
import MLibCore

/// The one place where FFmpeg return codes become `MediaError`s.
///
/// Every libavformat call in MLibMedia goes through `check`, so a failure always
/// carries FFmpeg's own words (`av_strerror`) and the file it happened to.
enum FFmpegStatus {
    /// Returns `code` when FFmpeg reported success (`code >= 0`), else throws.
    @discardableResult
    static func check(_ code: Int32, path: RawPath, while action: String) throws(MediaError) -> Int32 {
        if code >= 0 { return code }
        throw error(code, path: path, while: action)
    }

    /// The `MediaError` for a negative FFmpeg return code.
    static func error(_ code: Int32, path: RawPath, while action: String) -> MediaError {
        let text = message(code)
        switch code {
        case mlib_averror_invaliddata():
            return MediaError(.corrupt, path: path, detail: "not a readable video: \(text)")
        case mlib_averror(EIO):
            // Demuxers (Matroska, AVI) report broken structures as EIO; a failing disk
            // would have failed the sniffer's read of the same file first.
            return MediaError(.corrupt, path: path, detail: "not a readable video: its container is damaged or cut short (\(text))")
        case mlib_averror_eof():
            return MediaError(.truncated, path: path, detail: "the video ends early (\(text)); the file may be cut short")
        case mlib_averror(ENOENT), mlib_averror(ENOTDIR):
            return MediaError(.vanished, path: path, detail: "file vanished before it could be read (\(text))")
        case mlib_averror(EACCES), mlib_averror(EPERM):
            return MediaError(.unreadable, path: path, detail: "permission denied (\(text)); check the file's permissions")
        case mlib_averror_exit():
            return MediaError(
                .corrupt, path: path,
                detail: "gave up: FFmpeg took too long while \(action); the file is probably damaged")
        default:
            return MediaError(.io, path: path, detail: "cannot read video while \(action): \(text)")
        }
    }

    /// FFmpeg's message for `code`, such as "Invalid data found when processing input".
    static func message(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        return buffer.withUnsafeMutableBufferPointer { raw in
            String(cString: mlib_av_strerror(code, raw.baseAddress, raw.count))
        }
    }
}
