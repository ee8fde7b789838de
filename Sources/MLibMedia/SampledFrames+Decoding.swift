#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFFmpeg
import MLibCore

extension SampledFrames {
    /// Decodes the held group as the gate says. A group decoded whole stops early once
    /// the frames taken have passed its last frame: the rest could not be taken.
    mutating func decodeHeld(_ verdict: PacketGate.Verdict) {
        let packets = held
        held.removeAll(keepingCapacity: true)
        let latest = packets.compactMap { seconds($0.pointee.pts) ?? seconds($0.pointee.dts) }.max()
        for (index, packet) in packets.enumerated() {
            let answered = latest.map { frameTarget > $0 + SampleSchedule.tolerance } ?? false
            if verdict == .decodeAll ? !answered : verdict == .decodeKeyframe && index == 0 {
                decode(packet)
            }
            release(packet)
        }
    }

    mutating func dropHeld() {
        for packet in held { release(packet) }
        held.removeAll(keepingCapacity: true)
    }

    mutating func decode(_ packet: UnsafeMutablePointer<AVPacket>) {
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
                stop(
                    failure: error,
                    partial: "the video data is damaged after \(describe(lastPacketTime)): \(error.detail)")
            }
        } else {
            failedPackets = 0
        }
        receiveFrames()
    }

    /// Hands the decoder the end of the stream and takes every frame it still holds.
    mutating func drain() {
        guard !finished else { return }
        _ = codec.send(nil)
        receiveFrames()
    }

    mutating func receiveFrames() {
        while !finished, codec.receive(frame.pointer) >= 0 {
            summary.decodedFrames += 1
            take(frame.pointer.pointee)
            frame.unref()
        }
    }

    /// Keeps the frame when it is the first at or after the current target.
    mutating func take(_ decoded: AVFrame) {
        guard decoded.flags & AV_FRAME_FLAG_CORRUPT == 0, let time = seconds(decoded.best_effort_timestamp),
            schedule.reaches(time, frameTarget)
        else { return }
        guard let image = picture(of: decoded) else { return }
        ready.append(
            SampledFrame(
                index: summary.frames, time: time, target: frameTarget, isKeyframe: decoded.key_frame != 0, image: image
            ))
        summary.frames += 1
        frameTarget = schedule.target(after: time)
        if summary.frames >= sampler.frameBudget {
            let more = summary.duration.map { frameTarget < $0 } ?? true
            stop(partial: more ? "stopped at the frame budget (\(sampler.frameBudget) frames)" : nil)
        }
    }

    /// The frame as RGB: no wider than its display aspect says, scaled down to the
    /// sampler's short side, turned as the display matrix says.
    mutating func picture(of decoded: AVFrame) -> RGBImage? {
        var width = Double(decoded.width)
        let height = Double(decoded.height)
        let aspect = decoded.sample_aspect_ratio
        if aspect.num > 0, aspect.den > 0, aspect.num != aspect.den {
            width *= Double(aspect.num) / Double(aspect.den)
        }
        let scale = min(1, Double(sampler.maximumShortSide) / max(1, min(width, height)))
        let size = (width: max(1, Int((width * scale).rounded())), height: max(1, Int((height * scale).rounded())))
        return withUnsafePointer(to: decoded) { pointer in
            scaler.rgbImage(from: pointer, width: size.width, height: size.height, flags: FFmpegScaler.frameFlags)
        }?.oriented(orientation)
    }
}
