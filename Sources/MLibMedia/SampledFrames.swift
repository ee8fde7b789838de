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
    public private(set) var summary: FrameSampling

    private let path: RawPath
    private let input: FFmpegInput
    private let codec: FFmpegCodec
    private let frame: FFmpegFrame
    private var scaler = FFmpegScaler()
    private let stream: UnsafeMutablePointer<AVStream>
    private let timeBase: AVRational
    private let startTimestamp: Int64
    private let orientation: ImageOrientation
    private let sampler: FrameSampler
    private let schedule: SampleSchedule
    private let deadline: ContinuousClock.Instant
    private let cutShort: Bool
    private let seekable: Bool

    private var gate: PacketGate
    private var held: [UnsafeMutablePointer<AVPacket>] = []
    private var ready: [SampledFrame] = []
    private var frameTarget = 0.0
    private var lastPacketTime: Double?
    private var lastSeekTarget = -Double.infinity
    private var failedPackets = 0
    /// Set once reading is over; `next()` then hands out what is ready.
    private var finished = false
    /// The error that ended sampling, thrown when it ended before any frame.
    private var failure: MediaError?

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
                throw MediaError(.unsupported, path: path, detail: "no video stream (\(container)); there are no frames to sample")
            }
            throw MediaError(.corrupt, path: path, detail: "not a readable video: no video stream found in its \(container) container")
        }
        let parameters = stream.pointee.codecpar!
        let timeBase = stream.pointee.time_base
        let codec = try FFmpegCodec(decoding: parameters.pointee.codec_id, parameters: parameters, path: path) { context, _ in
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
            step()
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

    // MARK: Reading

    /// Reads one packet and does what the gate says with it.
    private mutating func step() {
        if ContinuousClock.now >= deadline {
            stop(partial: "stopped at the time limit (\(sampler.timeLimit)) after \(describe(lastPacketTime)) of video")
            return
        }
        guard let packet = mlib_av_packet_alloc() else {
            stop(failure: MediaError(.io, path: path, detail: "cannot sample frames: FFmpeg is out of memory"))
            return
        }
        let code = input.readPacket(into: packet)
        guard code >= 0, packet.pointee.stream_index == stream.pointee.index else {
            release(packet)
            if code < 0 { endOfStream(code) }
            return
        }
        let keyframe = packet.pointee.flags & AV_PKT_FLAG_KEY != 0
        let time = seconds(packet.pointee.pts) ?? seconds(packet.pointee.dts)
        if let time { lastPacketTime = max(lastPacketTime ?? time, time) }
        let (verdict, handling) = gate.offer(keyframe: keyframe, time: time, bytes: Int(packet.pointee.size))
        if let verdict { decodeHeld(verdict) }
        switch handling {
        case .hold:
            held.append(packet)
        case .decode:
            decode(packet)
            release(packet)
        case .drop:
            release(packet)
        }
        if keyframe, let time, !finished { seekIfFarBehind(keyframeTime: time) }
    }

    /// The stream ended (`AVERROR_EOF`) or reading failed: decodes what is left.
    private mutating func endOfStream(_ code: Int32) {
        if let verdict = gate.end() { decodeHeld(verdict) }
        drain()
        if code == mlib_averror_exit() {
            stop(partial: "stopped at the time limit (\(sampler.timeLimit)) after \(describe(lastPacketTime)) of video")
        } else if code != mlib_averror_eof() {
            let error = FFmpegStatus.error(code, path: path, while: "reading its frames")
            stop(failure: error, partial: "reading stopped after \(describe(lastPacketTime)): \(error.detail)")
        } else if cutShort {
            stop(partial: "the file is cut short: its index lists frames past its end; frames after \(describe(lastPacketTime)) are missing")
        } else {
            stop()
        }
    }

    /// Jumps ahead when the next target is far past `keyframeTime` and the file has an index.
    private mutating func seekIfFarBehind(keyframeTime: Double) {
        let distance = max(Self.seekMinimum, 4 * (gate.averageGroupLength ?? 0))
        guard seekable, gate.target - keyframeTime > distance, gate.target > lastSeekTarget else { return }
        lastSeekTarget = gate.target
        dropHeld()
        gate.reset()
        drain()
        guard !finished else { return }
        codec.flush()
        // A second early: a keyframe's decode time may precede its display time.
        let seconds = max(0, gate.target - 1)
        let timestamp = startTimestamp + Int64((seconds * Double(timeBase.den) / Double(timeBase.num)).rounded(.down))
        if mlib_av_seek_frame(input.context, stream.pointee.index, timestamp, AVSEEK_FLAG_BACKWARD) >= 0 {
            summary.seeks += 1
        }
    }

    // MARK: Decoding

    private mutating func decodeHeld(_ verdict: PacketGate.Verdict) {
        let packets = held
        held.removeAll(keepingCapacity: true)
        for (index, packet) in packets.enumerated() {
            if verdict == .decodeAll || (verdict == .decodeKeyframe && index == 0) {
                decode(packet)
            }
            release(packet)
        }
    }

    private mutating func dropHeld() {
        for packet in held { release(packet) }
        held.removeAll(keepingCapacity: true)
    }

    private mutating func decode(_ packet: UnsafeMutablePointer<AVPacket>) {
        guard !finished else { return }
        var code = codec.send(packet)
        if code == mlib_averror(EAGAIN) {
            receiveFrames()
            code = codec.send(packet)
        }
        if code < 0 {
            failedPackets += 1
            if failedPackets > Self.failureLimit {
                let error = FFmpegStatus.decodingError(code, path: path, what: "video", codec: codec.name)
                stop(failure: error, partial: "the video data is damaged after \(describe(lastPacketTime)): \(error.detail)")
            }
        } else {
            failedPackets = 0
        }
        receiveFrames()
    }

    /// Hands the decoder the end of the stream and takes every frame it still holds.
    private mutating func drain() {
        guard !finished else { return }
        _ = codec.send(nil)
        receiveFrames()
    }

    private mutating func receiveFrames() {
        while !finished, codec.receive(frame.pointer) >= 0 {
            summary.decodedFrames += 1
            take(frame.pointer.pointee)
            frame.unref()
        }
    }

    /// Keeps the frame when it is the first at or after the current target.
    private mutating func take(_ decoded: AVFrame) {
        guard decoded.flags & AV_FRAME_FLAG_CORRUPT == 0, let time = seconds(decoded.best_effort_timestamp),
            schedule.reaches(time, frameTarget)
        else { return }
        guard let image = picture(of: decoded) else { return }
        ready.append(
            SampledFrame(
                index: summary.frames, time: time, target: frameTarget, isKeyframe: decoded.key_frame != 0, image: image))
        summary.frames += 1
        frameTarget = schedule.target(after: time)
        if summary.frames >= sampler.frameBudget {
            let more = summary.duration.map { frameTarget < $0 } ?? true
            stop(partial: more ? "stopped at the frame budget (\(sampler.frameBudget) frames)" : nil)
        }
    }

    /// The frame as RGB: no wider than its display aspect says, scaled down to the
    /// sampler's short side, turned as the display matrix says.
    private mutating func picture(of decoded: AVFrame) -> RGBImage? {
        var width = Double(decoded.width)
        let height = Double(decoded.height)
        let aspect = decoded.sample_aspect_ratio
        if aspect.num > 0, aspect.den > 0, aspect.num != aspect.den {
            width *= Double(aspect.num) / Double(aspect.den)
        }
        let scale = min(1, Double(sampler.maximumShortSide) / max(1, min(width, height)))
        let size = (width: max(1, Int((width * scale).rounded())), height: max(1, Int((height * scale).rounded())))
        return withUnsafePointer(to: decoded) { pointer in
            scaler.rgbImage(from: pointer, width: size.width, height: size.height)
        }?.oriented(orientation)
    }

    // MARK: Helpers

    private mutating func stop(failure: MediaError? = nil, partial: String? = nil) {
        guard !finished else { return }
        finished = true
        self.failure = failure
        summary.partial = partial
        summary.method =
            switch (gate.keyframeGroups, gate.wholeGroups) {
            case (let keyframes, 0) where keyframes > 0: .keyframes
            case (0, _): .frames
            default: .mixed
            }
        if summary.frames == 0, failure == nil, partial == nil {
            summary.partial = "the video stream has no frames that could be decoded"
        }
    }

    /// `timestamp` in seconds from the stream's start; nil when FFmpeg has no time for it.
    private func seconds(_ timestamp: Int64) -> Double? {
        guard timestamp != mlib_av_nopts_value() else { return nil }
        return FFmpegInput.seconds(timestamp - startTimestamp, timeBase)
    }

    private func describe(_ time: Double?) -> String {
        guard let time else { return "0 s" }
        return "\((time * 10).rounded() / 10) s"
    }

    private func release(_ packet: UnsafeMutablePointer<AVPacket>) {
        var owned: UnsafeMutablePointer<AVPacket>? = packet
        mlib_av_packet_free(&owned)
    }
}
