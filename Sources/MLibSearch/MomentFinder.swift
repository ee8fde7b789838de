import Foundation
import MLibCore
import MLibStore

/// Finds where in a video a query's words are spoken or shown: the subtitle cues
/// and chapters holding the most query words, earliest first among equals.
enum MomentFinder {
    static let maximumMoments = 5

    static func moments(in segments: [StoredSegment], for query: AnalyzedQuery) -> [Moment] {
        guard !segments.isEmpty else { return [] }
        let wanted = Set(query.words.map(fold))
        var scored: [(matches: Int, moment: Moment)] = []
        for segment in segments {
            guard let start = segment.start else { continue }
            let words = Set(QueryAnalyzer.analyze(segment.text).words.map(fold))
            var matches = wanted.intersection(words).count
            matches += query.cjkRuns.filter { segment.text.contains($0) }.count
            guard matches > 0 else { continue }
            scored.append((matches, Moment(start: start, end: segment.end ?? start, text: segment.text)))
        }
        return
            scored
            .sorted { $0.matches != $1.matches ? $0.matches > $1.matches : $0.moment.start < $1.moment.start }
            .prefix(maximumMoments).map(\.moment)
    }

    /// Lower-cased without diacritics, as `unicode61 remove_diacritics 2` compares.
    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
