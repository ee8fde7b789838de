import Foundation
import MLibTestSupport
import Testing

/// A video's frames as `ffprobe -show_frames` lists them: what mlib's sampler is held to.
struct ProbedFrames {
    struct Frame: Equatable {
        /// Seconds from the stream's start, from the frame's best-effort timestamp.
        var time: Double
        var isKeyframe: Bool
    }

    var frames: [Frame]

    init(_ path: String) throws {
        let start = try ExternalTool.run(
            "ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=start_time", "-of", "csv=p=0", path])
        // Files with programs (MPEG-TS) list the stream twice.
        let startTime = start.stdoutString.split(whereSeparator: \.isNewline).lazy.compactMap { Double($0) }.first ?? 0
        let listed = try ExternalTool.run(
            "ffprobe",
            [
                "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time,key_frame",
                "-of", "csv=p=0", path,
            ])
        try #require(listed.status == 0, "ffprobe \(path): \(listed.stderrString)")
        frames = listed.stdoutString.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: ",")
            guard fields.count >= 2, let key = Int(fields[0]), let time = Double(fields[1]) else { return nil }
            return Frame(time: time - startTime, isKeyframe: key == 1)
        }
    }

    var keyframes: [Frame] { frames.filter(\.isKeyframe) }

    /// The sampling rule applied to `candidates`: for targets 0, interval, 2·interval, …
    /// the first candidate at or after each, skipping targets a taken frame passed.
    static func expected(_ candidates: [Frame], interval: Double) -> [(target: Double, time: Double)] {
        var taken: [(target: Double, time: Double)] = []
        var target = 0.0
        for frame in candidates.sorted(by: { $0.time < $1.time }) where frame.time >= target - 1e-6 {
            taken.append((target, frame.time))
            target = (((frame.time + 1e-6) / interval).rounded(.down) + 1) * interval
        }
        return taken
    }
}
