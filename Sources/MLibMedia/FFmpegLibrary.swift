import CFFmpeg
import MLibCore

/// FFmpeg's libraries as the decoders and the thumbnail encoder need them: loaded on
/// first use, with FFmpeg's own logging silenced (mlib reports errors itself).
enum FFmpegLibrary {
    /// Throws when FFmpeg's libraries could not be loaded; `task` says what needed them.
    static func require(for path: RawPath, _ task: String) throws(MediaError) {
        if let missing = mlib_ffmpeg_missing() {
            throw MediaError(
                .io, path: path,
                detail:
                    "cannot \(task): FFmpeg's \(String(cString: missing)) could not be loaded; install FFmpeg's libraries (`make deps`)"
            )
        }
        _ = quietLogging
    }

    private static let quietLogging: Bool = {
        mlib_av_log_set_level(AV_LOG_QUIET)
        return true
    }()
}
