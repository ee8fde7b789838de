import MLibCore
import MLibStore

/// Where in an indexed video the evidence for a query is strongest: a subtitle cue, a
/// stretch of burnt-in text or colour, or a window of frames, chosen as `DocumentMoment`
/// chooses for a video a caller brings, on the recall channels' own scales.
enum VideoMoment {
    static func best(
        timed: [StoredSegment], lexical: LexicalMatch, textScores: [Int64: Double], textChannel: VectorChannel?,
        frames: [FrameWindow.Frame], pictureChannel: VectorChannel?
    ) -> Moment? {
        let passages = timed.compactMap { segment -> DocumentMoment.Passage? in
            guard segment.field != .picture, let start = segment.start else { return nil }
            return DocumentMoment.Passage(
                start: start, end: segment.end ?? start, text: segment.text,
                similarity: textChannel == nil ? nil : textScores[segment.id])
        }
        return DocumentMoment.best(
            lexical: lexical, passages: passages, meaningScale: textChannel.map(DocumentFeatures.Scale.init) ?? .meaning,
            frames: frames, pictureScale: pictureChannel.map(DocumentFeatures.Scale.init))
    }
}
