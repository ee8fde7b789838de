public import MLibCore

/// Where in a video a caller brought the evidence for a query is strongest: a subtitle
/// cue, a run of burnt-in text, or a window of frames.
///
/// Judged as the search rerank judges an indexed video's moments: a passage by the
/// larger of its share of the query's words and its closeness in meaning, a window of
/// frames by its smoothed picture similarity, each on its feature's scale; on a tie
/// the earlier moment wins.
public enum DocumentMoment {
    /// A timed stretch of a video's text.
    public struct Passage: Sendable, Hashable {
        public var start: Double
        public var end: Double
        public var text: String
        /// Its cosine similarity to the query under the sentence model, when one ran.
        public var similarity: Double?

        public init(start: Double, end: Double, text: String, similarity: Double?) {
            self.start = start
            self.end = end
            self.text = text
            self.similarity = similarity
        }
    }

    /// The best moment, or nil when nothing in the video touches the query.
    ///
    /// - Parameter pictureScale: the scale of the frames' similarities; nil when no
    ///   picture model judged them.
    public static func best(
        query: DocumentQuery, passages: [Passage], frames: [FrameWindow.Frame], pictureScale: DocumentFeatures.Scale?
    ) -> Moment? {
        best(lexical: query.lexical, passages: passages, meaningScale: .meaning, frames: frames, pictureScale: pictureScale)
    }

    /// The choice itself, shared with the search rerank (`VideoMoment`).
    static func best(
        lexical: LexicalMatch, passages: [Passage], meaningScale: DocumentFeatures.Scale, frames: [FrameWindow.Frame],
        pictureScale: DocumentFeatures.Scale?
    ) -> Moment? {
        var best: (strength: Double, moment: Moment)?
        func consider(_ strength: Double, _ moment: Moment) {
            guard strength > 0 else { return }
            if let current = best, current.strength > strength || (current.strength == strength && current.moment.start <= moment.start) {
                return
            }
            best = (strength, moment)
        }
        for passage in passages {
            var strength = lexical.share(in: passage.text)
            if let similarity = passage.similarity { strength = max(strength, meaningScale.strength(similarity)) }
            consider(strength, Moment(start: passage.start, end: passage.end, text: passage.text))
        }
        if let pictureScale, let window = FrameWindow.best(of: frames) {
            consider(pictureScale.strength(window.similarity), Moment(start: window.start, end: window.end, text: nil))
        }
        return best?.moment
    }
}
