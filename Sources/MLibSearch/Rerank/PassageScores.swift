import MLibCore
import MLibStore

/// Every passage and picture of the candidates scored against the query, model by
/// model: recall saw only the nearest few; the rerank judges each item by all it holds.
struct PassageScores {
    /// By item: its passage closest to the query's meaning.
    private(set) var bestText: [Int64: SegmentMatch] = [:]
    /// By segment: its best window's similarity to the query's meaning.
    private(set) var textBySegment: [Int64: Double] = [:]
    /// By item: its picture (or frame) closest to the query.
    private(set) var bestPicture: [Int64: Double] = [:]
    /// By segment (a picture or a frame): its similarity to the query.
    private(set) var pictureBySegment: [Int64: Double] = [:]

    init(text: VectorChannel?, picture: VectorChannel?, items: Set<Int64>) {
        if let text {
            for row in text.store.itemScores(text.queryVector, items: items) {
                let score = Double(row.score)
                textBySegment[row.segmentID] = max(textBySegment[row.segmentID] ?? -1, score)
                if score > bestText[row.itemID]?.score ?? -1 {
                    bestText[row.itemID] = SegmentMatch(segmentID: row.segmentID, window: row.window, score: score)
                }
            }
        }
        if let picture {
            for row in picture.store.itemScores(picture.queryVector, items: items) {
                let score = Double(row.score)
                pictureBySegment[row.segmentID] = max(pictureBySegment[row.segmentID] ?? -1, score)
                bestPicture[row.itemID] = max(bestPicture[row.itemID] ?? -1, score)
            }
        }
    }

    /// A video's scored frames: its timed picture segments that have a vector.
    func frames(of item: Int64, timed: [StoredSegment]) -> [FrameWindow.Frame] {
        timed.compactMap { segment in
            guard segment.field == .picture, let start = segment.start, let similarity = pictureBySegment[segment.id] else { return nil }
            return FrameWindow.Frame(start: start, end: segment.end ?? start, similarity: similarity)
        }
    }
}
