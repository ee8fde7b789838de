import MLibCore
import MLibSearch
import MLibTestSupport
import Testing

/// The stretch of a video its frames put closest to the query, and the frames shown
/// under a hit.
@Suite struct FrameWindowTests {
    /// One-second frames from 0 with these similarities.
    static func frames(_ similarities: [Double]) -> [FrameWindow.Frame] {
        similarities.enumerated().map { FrameWindow.Frame(start: Double($0.offset), end: Double($0.offset + 1), similarity: $0.element) }
    }

    @Test func aRunOfGoodFramesBeatsOneLuckyFrame() throws {
        // One frame at 0.40 among poor ones, and a run of four at 0.33 later on.
        let frames = Self.frames([0.10, 0.10, 0.40, 0.10, 0.10, 0.10, 0.33, 0.33, 0.33, 0.33, 0.10, 0.10])
        let window = try #require(FrameWindow.best(of: frames))
        #expect(window.start >= 6 && window.end <= 10, "the run, not the lucky frame: \(window)")
        #expect(window.similarity < 0.40, "smoothing takes a single frame's luck down")
        #expect(window.similarity > 0.30)
    }

    @Test func theWindowSpansTheContiguousGoodFramesAndNoMore() throws {
        let frames = Self.frames([0.12, 0.11, 0.10, 0.31, 0.32, 0.31, 0.32, 0.31, 0.10, 0.12, 0.11])
        let window = try #require(FrameWindow.best(of: frames))
        #expect(window.start == 3, "from the first good frame")
        #expect(window.end == 8, "to the end of the last good frame")
    }

    @Test func framesInAnyOrderGiveTheSameWindow() throws {
        let frames = Self.frames([0.10, 0.12, 0.29, 0.30, 0.29, 0.11, 0.10, 0.26, 0.10])
        let expected = try #require(FrameWindow.best(of: frames))
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<5 {
            #expect(FrameWindow.best(of: frames.shuffled(using: &generator)) == expected)
        }
        #expect(FrameWindow.best(of: frames.reversed()) == expected)
    }

    @Test func aSingleFrameIsItsOwnWindowAtItsOwnSimilarity() throws {
        let window = try #require(FrameWindow.best(of: [FrameWindow.Frame(start: 4.5, end: 5.5, similarity: 0.27)]))
        #expect(window.start == 4.5 && window.end == 5.5 && window.similarity == 0.27)
        #expect(FrameWindow.best(of: []) == nil)
    }

    @Test func topListsTheClosestFramesBestFirstWithEarlierFramesWinningTies() {
        let frames = [
            FrameWindow.Frame(start: 8, end: 9, similarity: 0.21),
            FrameWindow.Frame(start: 2, end: 3, similarity: 0.35),
            FrameWindow.Frame(start: 5, end: 6, similarity: 0.28),
            FrameWindow.Frame(start: 1, end: 2, similarity: 0.28),
            FrameWindow.Frame(start: 0, end: 1, similarity: 0.05),
        ]
        let top = FrameWindow.top(frames)
        #expect(top == [FrameMatch(time: 2, similarity: 0.35), FrameMatch(time: 1, similarity: 0.28), FrameMatch(time: 5, similarity: 0.28)])
        #expect(FrameWindow.top(frames, count: 10).count == frames.count)
        #expect(FrameWindow.top([]).isEmpty)
    }
}
