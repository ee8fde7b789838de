import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct FrameSamplerTests {
    struct Run {
        var frames: [SampledFrame]
        var summary: FrameSampling
    }

    static func sample(_ path: String, _ sampler: FrameSampler = FrameSampler()) throws(MediaError) -> Run {
        var frames: [SampledFrame] = []
        let summary = try sampler.sample(RawPath(path)) { frames.append($0) }
        return Run(frames: frames, summary: summary)
    }

    static func failure(_ path: String) -> MediaError? {
        do {
            _ = try sample(path)
            return nil
        } catch {
            return error
        }
    }

    static func picture(_ name: String) -> String { PictureReference.path(name) }

    /// Checks `run` against ffprobe's frames: each frame taken is a real frame, the first
    /// (key)frame at or after its target, and targets follow the skipping rule.
    static func checkAgainstProbe(_ run: Run, _ probed: ProbedFrames, _ label: String) {
        let interval = run.summary.interval
        var previous: Double?
        for frame in run.frames {
            #expect(
                probed.frames.contains { abs($0.time - frame.time) < 2e-6 },
                "\(label): \(frame.time) is no frame's time")
            #expect(frame.time >= frame.target - 1e-6, "\(label): \(frame.time) before its target \(frame.target)")
            let firstFrame = probed.frames.map(\.time).filter { $0 >= frame.target - 1e-6 }.min()
            let firstKeyframe = probed.keyframes.map(\.time).filter { $0 >= frame.target - 1e-6 }.min()
            let isFirst = firstFrame.map { abs($0 - frame.time) < 2e-6 } ?? false
            let isFirstKeyframe = frame.isKeyframe && (firstKeyframe.map { abs($0 - frame.time) < 2e-6 } ?? false)
            #expect(isFirst || isFirstKeyframe, "\(label): \(frame.time) is not the first at or after \(frame.target)")
            let expectedTarget = previous.map { (((($0 + 1e-6) / interval).rounded(.down)) + 1) * interval } ?? 0
            #expect(
                abs(frame.target - expectedTarget) < 1e-9,
                "\(label): target \(frame.target), expected \(expectedTarget)")
            previous = frame.time
        }
        #expect(run.frames.map(\.index) == Array(0..<run.frames.count))
        #expect(run.summary.frames == run.frames.count)
    }

    /// The whole sequence, when the method is a pure one.
    static func checkSequence(_ run: Run, _ probed: ProbedFrames, _ label: String) {
        let candidates: [ProbedFrames.Frame]
        switch run.summary.method {
        case .keyframes: candidates = probed.keyframes
        case .frames: candidates = probed.frames
        case .mixed: return
        }
        let expected = ProbedFrames.expected(candidates, interval: run.summary.interval)
        #expect(run.frames.count == expected.count, "\(label): \(run.frames.count) frames, expected \(expected.count)")
        for (frame, wanted) in zip(run.frames, expected) {
            #expect(
                abs(frame.time - wanted.time) < 2e-6 && abs(frame.target - wanted.target) < 1e-9,
                "\(label): \(frame.time)")
        }
    }

    @Test(arguments: ["cfr-dense.mp4", "cfr-sparse.mp4", "vfr.mkv", "stream.ts"], [0.5, 1.0, 2.0])
    func timesAreRealFramesFirstAtOrAfterTheirTargets(name: String, fps: Double) throws {
        let path = Self.picture(name)
        let run = try Self.sample(path, FrameSampler(fps: fps))
        let probed = try ProbedFrames(path)
        #expect(run.summary.interval == 1 / fps)
        #expect(run.summary.partial == nil)
        #expect(!run.frames.isEmpty)
        Self.checkAgainstProbe(run, probed, "\(name) at \(fps) fps")
        Self.checkSequence(run, probed, "\(name) at \(fps) fps")
    }

    @Test func denseKeyframesAreAllThatIsDecoded() throws {
        let run = try Self.sample(Self.picture("cfr-dense.mp4"), FrameSampler(fps: 1))
        #expect(run.summary.method == .keyframes)
        #expect(run.frames.allSatisfy { $0.isKeyframe })
        // 300 frames in the file, 12 targets: only the keyframes that answer one are decoded.
        #expect(run.summary.decodedFrames <= run.frames.count + 2)
    }

    @Test func sparseKeyframesGiveExactTimes() throws {
        let run = try Self.sample(Self.picture("cfr-sparse.mp4"), FrameSampler(fps: 1))
        #expect(run.summary.method == .frames)
        #expect(run.frames.map(\.time) == (0..<12).map(Double.init))
    }

    @Test func variableFrameRateKeepsRealTimestamps() throws {
        let probed = try ProbedFrames(Self.picture("vfr.mkv"))
        let gaps = Set(zip(probed.frames, probed.frames.dropFirst()).map { (($1.time - $0.time) * 1000).rounded() })
        #expect(gaps.count > 1, "the fixture is not variable frame rate")
        let run = try Self.sample(Self.picture("vfr.mkv"), FrameSampler(fps: 5))
        Self.checkAgainstProbe(run, probed, "vfr.mkv at 5 fps")
    }

    @Test func aFrameBudgetSpreadsSamplesAndSeeksAhead() throws {
        let path = Self.picture("long.mp4")
        let run = try Self.sample(path, FrameSampler(fps: 1, frameBudget: 4))
        #expect(run.summary.interval == 30)
        #expect(run.summary.method == .keyframes)
        #expect(run.summary.seeks > 0)
        #expect(run.frames.map(\.time) == [0, 30, 60, 90])
        #expect(run.summary.decodedFrames < 20)
        Self.checkSequence(run, try ProbedFrames(path), "long.mp4")
    }

    @Test func aSmallBudgetSpreadsSamplesOverTheVideo() throws {
        let run = try Self.sample(Self.picture("cfr-sparse.mp4"), FrameSampler(fps: 5, frameBudget: 3))
        #expect(run.summary.interval == 4)
        #expect(run.frames.map(\.time) == [0, 4, 8])
        #expect(run.summary.partial == nil)
    }

    @Test func rotatedVideoIsTurnedUpright() throws {
        let path = Self.picture("rotated.mp4")
        let run = try Self.sample(path)
        let first = try #require(run.frames.first)
        #expect(first.image.width == 90 && first.image.height == 160)
        // ffmpeg turns it too (autorotate), though before converting to RGB, so colour
        // edges differ a little; turned the other way it would differ a lot.
        let upright = try PictureReference.ffmpeg(path, flags: PictureReference.frameFlags, size: (90, 160))
        let wrongWay = try PictureReference.ffmpeg(
            path, flags: PictureReference.frameFlags, inputOptions: ["-noautorotate"], filter: "transpose=cclock",
            size: (90, 160))
        let right = PictureReference.difference(first.image, upright).mean
        #expect(right < 6)
        #expect(PictureReference.difference(first.image, wrongWay).mean > 4 * right)
    }

    @Test func framesAreScaledDownNeverUp() throws {
        let small = try Self.sample(Self.picture("cfr-dense.mp4"), FrameSampler(maximumShortSide: 27))
        #expect(small.frames.allSatisfy { $0.image.width == 48 && $0.image.height == 27 })
        let whole = try Self.sample(Self.picture("cfr-dense.mp4"))
        #expect(whole.frames.allSatisfy { $0.image.width == 96 && $0.image.height == 54 })
        let reference = try PictureReference.ffmpeg(Self.picture("cfr-dense.mp4"), flags: PictureReference.frameFlags)
        #expect(PictureReference.difference(try #require(whole.frames.first).image, reference).largest <= 1)
    }

    @Test(arguments: ["ten-bit.mp4", "ten-bit-hevc.mp4"])
    func tenBitVideoIsSampled(name: String) throws {
        let path = Self.picture(name)
        let run = try Self.sample(path)
        #expect(run.frames.count == 3)
        let reference = try PictureReference.ffmpeg(path, flags: PictureReference.frameFlags)
        #expect(PictureReference.difference(try #require(run.frames.first).image, reference).largest <= 1)
    }

    @Test func aSingleFrameVideoGivesItsFrame() throws {
        let run = try Self.sample(Self.picture("one-frame.mp4"))
        #expect(run.frames.map(\.time) == [0])
        #expect(run.summary.partial == nil)
    }

    @Test(arguments: [
        ("videos/audio-only.mp4", MediaError.Code.unsupported), ("videos/truncated.mp4", .truncated),
        ("videos/empty.mp4", .empty), ("videos/random.mp4", .corrupt), ("pictures/no-frames.mp4", .corrupt),
    ])
    func filesWithoutFramesFailFast(name: String, code: MediaError.Code) {
        let start = ContinuousClock.now
        let error = Self.failure(Fixtures.path(name))
        #expect(error?.code == code, "\(name): \(String(describing: error))")
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func aCutShortFileGivesWhatItHas() throws {
        let start = ContinuousClock.now
        let run = try Self.sample(Fixtures.path("videos/cut-faststart.mp4"), FrameSampler(fps: 5))
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(run.summary.partial?.contains("cut short") == true, "\(String(describing: run.summary.partial))")
        #expect(!run.frames.isEmpty)
    }

    @Test func theTimeLimitEndsSamplingWithAReason() throws {
        let start = ContinuousClock.now
        let run = try Self.sample(Self.picture("cfr-sparse.mp4"), FrameSampler(timeLimit: .zero))
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(run.summary.partial?.contains("time limit") == true)
    }

    @Test func framesCanBeTakenOneAtATime() throws {
        var frames = try FrameSampler(fps: 2).frames(RawPath(Self.picture("cfr-dense.mp4")))
        var times: [Double] = []
        while let frame = try frames.next(), times.count < 3 {
            times.append(frame.time)
        }
        #expect(times.count == 3)
        #expect(times == times.sorted())
    }
}
