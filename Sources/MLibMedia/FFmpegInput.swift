import CFFmpeg
import MLibCore

/// A container opened by libavformat, closed when this value goes away.
///
/// Each extraction opens its own input and uses it on one thread; nothing is shared.
/// Every blocking FFmpeg call polls a deadline through the interrupt callback, so a
/// damaged file makes FFmpeg give up with `AVERROR_EXIT` instead of hanging, and only
/// the `file` protocol is allowed, so a crafted file can never make FFmpeg reach out
/// to the network.
struct FFmpegInput: ~Copyable {
    /// How long one file may keep FFmpeg busy, opening and demuxing together.
    static let timeLimitSeconds = 60

    let path: RawPath
    let context: UnsafeMutablePointer<AVFormatContext>
    private let deadline: FFmpegDeadline

    /// Opens `path` and reads the container header; throws a `MediaError` on failure.
    ///
    /// FFmpeg gives up on this input `timeLimit` seconds from now.
    init(path: RawPath, timeLimit: Int = timeLimitSeconds) throws(MediaError) {
        if let missing = mlib_ffmpeg_missing() {
            throw MediaError(
                .io, path: path,
                detail: "cannot read video: FFmpeg's \(String(cString: missing)) could not be loaded; install FFmpeg's libraries (`make deps`)")
        }
        _ = Self.quietLogging
        guard let allocated = mlib_avformat_alloc_context() else {
            throw MediaError(.io, path: path, detail: "cannot read video: FFmpeg is out of memory")
        }
        let deadline = FFmpegDeadline(seconds: timeLimit)
        allocated.pointee.interrupt_callback = AVIOInterruptCB(
            callback: { opaque in
                guard let opaque else { return 0 }
                return Unmanaged<FFmpegDeadline>.fromOpaque(opaque).takeUnretainedValue().hasPassed ? 1 : 0
            },
            opaque: Unmanaged.passUnretained(deadline).toOpaque())

        var options: OpaquePointer?
        mlib_av_dict_set(&options, "protocol_whitelist", "file", 0)
        defer { mlib_av_dict_free(&options) }

        // "file:" first, so a name such as "concat:x.mp4" is never taken for a protocol.
        let url = Array("file:".utf8) + path.bytes + [0]
        var opened: UnsafeMutablePointer<AVFormatContext>? = allocated
        let code = url.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { mlib_avformat_open_input(&opened, $0.baseAddress, nil, &options) }
        }
        // On failure avformat_open_input has freed the context already.
        try FFmpegStatus.check(code, path: path, while: "opening it")
        guard let opened else {
            throw MediaError(.io, path: path, detail: "cannot read video: FFmpeg returned no context")
        }
        self.path = path
        self.context = opened
        self.deadline = deadline
    }

    deinit {
        var open: UnsafeMutablePointer<AVFormatContext>? = context
        mlib_avformat_close_input(&open)
    }

    /// Probes the streams so codecs, sizes and frame rates are known.
    func findStreamInfo() throws(MediaError) {
        try FFmpegStatus.check(mlib_avformat_find_stream_info(context, nil), path: path, while: "probing its streams")
    }

    /// The container's streams, in index order.
    var streams: [UnsafeMutablePointer<AVStream>] {
        let count = Int(context.pointee.nb_streams)
        guard count > 0, let list = context.pointee.streams else { return [] }
        return (0..<count).compactMap { list[$0] }
    }

    /// The container's chapters, in order.
    var chapters: [UnsafeMutablePointer<AVChapter>] {
        let count = Int(context.pointee.nb_chapters)
        guard count > 0, let list = context.pointee.chapters else { return [] }
        return (0..<count).compactMap { list[$0] }
    }

    /// Reads the next packet into `packet`; FFmpeg's return code, `AVERROR_EOF` at the end.
    func readPacket(into packet: UnsafeMutablePointer<AVPacket>) -> Int32 {
        mlib_av_read_frame(context, packet)
    }

    private static let quietLogging: Bool = {
        // Damaged files make FFmpeg print to stderr; mlib reports errors itself.
        mlib_av_log_set_level(AV_LOG_QUIET)
        return true
    }()
}

/// The moment after which FFmpeg's interrupt callback tells it to stop.
///
/// Read only from the thread that runs the FFmpeg calls of one `FFmpegInput`.
private final class FFmpegDeadline {
    private let end: ContinuousClock.Instant

    init(seconds: Int) {
        end = ContinuousClock.now.advanced(by: .seconds(seconds))
    }

    var hasPassed: Bool { ContinuousClock.now >= end }
}
