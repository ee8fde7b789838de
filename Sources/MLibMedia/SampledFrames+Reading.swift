#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFFmpeg
import MLibCore

extension SampledFrames {
    /// Reads one packet and does what the gate says with it.
    mutating func readPacket() {
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
    mutating func endOfStream(_ code: Int32) {
        if let verdict = gate.end() { decodeHeld(verdict) }
        drain()
        if code == mlib_averror_exit() {
            stop(partial: "stopped at the time limit (\(sampler.timeLimit)) after \(describe(lastPacketTime)) of video")
        } else if code != mlib_averror_eof() {
            let error = FFmpegStatus.error(code, path: path, while: "reading its frames")
            stop(failure: error, partial: "reading stopped after \(describe(lastPacketTime)): \(error.detail)")
        } else if cutShort {
            stop(
                partial:
                    "the file is cut short: its index lists frames past its end; frames after \(describe(lastPacketTime)) are missing"
            )
        } else {
            stop()
        }
    }

    /// Jumps ahead when the next target is far past `keyframeTime` and the file has an index.
    mutating func seekIfFarBehind(keyframeTime: Double) {
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

    mutating func stop(failure: MediaError? = nil, partial: String? = nil) {
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
    func seconds(_ timestamp: Int64) -> Double? {
        guard timestamp != mlib_av_nopts_value() else { return nil }
        return FFmpegInput.seconds(timestamp - startTimestamp, timeBase)
    }

    func describe(_ time: Double?) -> String {
        guard let time else { return "0 s" }
        return "\((time * 10).rounded() / 10) s"
    }

    func release(_ packet: UnsafeMutablePointer<AVPacket>) {
        var owned: UnsafeMutablePointer<AVPacket>? = packet
        mlib_av_packet_free(&owned)
    }
}
