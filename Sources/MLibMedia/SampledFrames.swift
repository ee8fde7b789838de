#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFFmpeg
import MLibCore

/// The frames a `FrameSampler` takes from one open video, decoded as they are asked for.
///
/// Owns the file's demuxer, decoder and scaler, used by whoever holds this value, on one
/// thread; they are closed when it goes away. `summary` is final once `next()` returned nil.
public struct SampledFrames: ~Copyable {
    /// What sampling did so far.
    public internal(set) var summary: FrameSampling

    let path: RawPath
    let input: FFmpegInput
    let codec: FFmpegCodec
    let frame: FFmpegFrame
    var scaler = FFmpegScaler()
    let stream: UnsafeMutablePointer<AVStream>
    let timeBase: AVRational
    let startTimestamp: Int64
    let orientation: ImageOrientation
    let sampler: FrameSampler
    let schedule: SampleSchedule
    let deadline: ContinuousClock.Instant
    let cutShort: Bool
    let seekable: Bool

    var gate: PacketGate
    var held: [UnsafeMutablePointer<AVPacket>] = []
    var ready: [SampledFrame] = []
    var frameTarget = 0.0
    var lastPacketTime: Double?
    var lastSeekTarget = -Double.infinity
    var failedPackets = 0
    /// Set once reading is over; `next()` then hands out what is ready.
    var finished = false
    /// The error that ended sampling, thrown when it ended before any frame.
    var failure: MediaError?

    /// Seeks jump at least this far; shorter stretches are cheaper to read through.
    static let seekMinimum = 10.0
    /// Packets in a row the decoder may reject before the video counts as damaged.
    static let failureLimit = 50

    init(path: RawPath, sampler: FrameSampler) throws(MediaError) {
        let file = try SourceFile(path: path)
        if file.size == 0 {
            throw MediaError(.empty, path: path, detail: "empty file (0 bytes)")
        }
        try FFmpegLibrary.require(for: path, "sample video frames")
        let input = try Self.open(file, timeLimit: sampler.timeLimit)
        guard let stream = input.videoStream else {
            let container = input.formatLongName ?? "unknown container"
            if input.firstStream(of: AVMEDIA_TYPE_AUDIO) != nil {
                throw MediaError(
                    .unsupported, path: path, detail: "no video stream (\(container)); there are no frames to sample")
            }
            throw MediaError(
                .corrupt, path: path,
                detail: "not a readable video: no video stream found in its \(container) container")
        }
        let parameters = stream.pointee.codecpar!
        let timeBase = stream.pointee.time_base
        let codec = try FFmpegCodec(decoding: parameters.pointee.codec_id, parameters: parameters, path: path) {
            context, _ in
            context.pointee.pkt_timebase = timeBase
            context.pointee.thread_count = Int32(sampler.threads)
            context.pointee.thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE
        }
        let frame = try FFmpegFrame(path: path)

        let start = stream.pointee.start_time
        var duration = FFmpegInput.seconds(stream.pointee.duration, timeBase).flatMap { $0 > 0 ? $0 : nil }
        duration = duration ?? input.duration
        let schedule = SampleSchedule(fps: sampler.fps, frameBudget: sampler.frameBudget, duration: duration)
        let quarterTurns = Int(((FFmpegInput.rotation(of: stream) ?? 0) / 90).rounded())
        let cutShort = input.indexEnd(beyond: file.size) != nil

        self.path = path
        self.sampler = sampler
        self.schedule = schedule
        self.stream = stream
        self.timeBase = timeBase
        self.startTimestamp = start == mlib_av_nopts_value() ? 0 : start
        // The display matrix turns counter-clockwise; orientations turn clockwise.
        self.orientation = ImageOrientation(clockwiseDegrees: -quarterTurns * 90)
        self.cutShort = cutShort
        self.seekable = mlib_avformat_index_get_entries_count(stream) > 1
        self.deadline = ContinuousClock.now.advanced(by: sampler.timeLimit)
        self.gate = PacketGate(schedule: schedule)
        self.summary = FrameSampling(
            frames: 0, duration: duration, interval: schedule.interval, method: .frames, decodedFrames: 0, seeks: 0,
            partial: nil)
        self.input = input
        self.codec = codec
        self.frame = frame
    }

    /// Opens the container and probes its streams; FFmpeg gives up after `timeLimit`.
    /// An MP4 that fails because it was cut short is `.truncated`, not `.corrupt`.
    private static func open(_ file: borrowing SourceFile, timeLimit: Duration) throws(MediaError) -> FFmpegInput {
        let parts = timeLimit.components
        do {
            let input = try FFmpegInput(
                path: file.path, timeLimit: Int(max(1, parts.seconds + (parts.attoseconds > 0 ? 1 : 0))))
            try input.findStreamInfo()
            return input
        } catch {
            if error.code == .corrupt, let truncation = VideoTruncation.check(file) { throw truncation }
            throw error
        }
    }

    deinit {
        for packet in held {
            var owned: UnsafeMutablePointer<AVPacket>? = packet
            mlib_av_packet_free(&owned)
        }
    }

    /// The next frame, in time order; nil when the video has no more.
    ///
    /// Throws only when the video breaks off before yielding any frame; damage after
    /// that ends sampling quietly, with the reason in `summary.partial`.
    public mutating func next() throws(MediaError) -> SampledFrame? {
        while ready.isEmpty && !finished {
            readPacket()
        }
        if !ready.isEmpty {
            return ready.removeFirst()
        }
        if summary.frames == 0, let failure {
            self.failure = nil
            throw failure
        }
        return nil
    }
}
