import MLibCore
import MLibStore

/// Where in a video the evidence for a query is strongest: a subtitle cue, a stretch
/// of burnt-in text or colour, or a window of frames, whichever holds the query best.
///
/// Each is judged on one scale: a passage by the larger of its share of the query's
/// words and its closeness in meaning (as the `meaning` feature measures it), a frame
/// window by its smoothed picture similarity (as `picture` does).
enum VideoMoment {
    static func best(
        timed: [StoredSegment], lexical: LexicalMatch, textScores: [Int64: Double], textChannel: VectorChannel?,
        frames: [FrameWindow.Frame], pictureChannel: VectorChannel?
    ) -> Moment? {
        var best: (strength: Double, moment: Moment)?
        func consider(_ strength: Double, _ moment: Moment) {
            guard strength > 0 else { return }
            if let current = best, current.strength > strength || (current.strength == strength && current.moment.start <= moment.start) {
                return
            }
            best = (strength, moment)
        }
        for segment in timed where segment.field != .picture {
            guard let start = segment.start else { continue }
            var strength = lexical.share(in: segment.text)
            if let textChannel, let similarity = textScores[segment.id] {
                strength = max(strength, Reranker.strength(similarity, textChannel))
            }
            consider(strength, Moment(start: start, end: segment.end ?? start, text: segment.text))
        }
        if let pictureChannel, let window = FrameWindow.best(of: frames) {
            consider(Reranker.strength(window.similarity, pictureChannel), Moment(start: window.start, end: window.end, text: nil))
        }
        return best?.moment
    }
}
