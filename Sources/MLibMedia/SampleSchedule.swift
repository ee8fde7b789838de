/// When video samples are due: at 0, `interval`, 2·`interval`, … seconds from the
/// stream's start, each taken by the first frame at or after it.
struct SampleSchedule: Equatable {
    /// Timestamps a rounding error short of a target still count as reaching it.
    static let tolerance = 1e-6

    let interval: Double

    /// `1/fps`, stretched to `duration / budget` when that is longer, so a long video's
    /// samples spread over all of it instead of stopping after `budget` frames.
    init(fps: Double, frameBudget budget: Int, duration: Double?) {
        var interval = 1 / fps
        if let duration, duration > 0, budget > 0 {
            interval = max(interval, duration / Double(budget))
        }
        self.interval = interval
    }

    /// Whether a frame at `time` seconds may answer `target`.
    func reaches(_ time: Double, _ target: Double) -> Bool {
        time >= target - Self.tolerance
    }

    /// The first target after a frame at `time` was taken: those it already reached are passed.
    func target(after time: Double) -> Double {
        let passed = ((time + Self.tolerance) / interval).rounded(.down)
        return max(0, passed + 1) * interval
    }
}
