public import Foundation
import MLibCore

/// Pulls soft hints out of a search query: the kind of item, dates, cameras and quoted
/// phrases; what remains is the text to search by meaning.
///
/// Pure and deterministic: the same query, moment and calendar give the same hints.
/// `photos from 2019 "red dress"` gives kind `.image`, the year 2019, the phrase
/// `red dress`, and the semantic text `red dress`.
public enum HintExtractor {
    /// `now` and `calendar` are injected so tests are deterministic; the CLI passes
    /// `Date()` and `Calendar.current`. Date ranges are worked out in `calendar`'s time zone.
    public static func extract(_ query: String, now: Date, calendar: Calendar) -> QueryHints {
        var tokens = Tokens(query)
        let cameras = Cameras.claim(in: &tokens)
        let dates = claimDates(in: &tokens, math: DateMath(calendar: calendar, now: now))
        let kinds = Kinds.claim(in: &tokens)
        claimJoiners(in: &tokens)

        let distinctKinds = Set(kinds.map(\.0))
        var hints = QueryHints(
            cameras: cameras, phrases: tokens.phrases, semanticText: SemanticText.of(tokens, query: query))
        if distinctKinds.count == 1 {
            hints.kind = distinctKinds.first
            hints.kindText = kinds.map(\.1).joined(separator: ", ")
        }
        if let first = dates.first {
            hints.dates = DateHint(
                start: dates.map(\.interval.start).min() ?? first.interval.start,
                end: dates.map(\.interval.end).max() ?? first.interval.end,
                text: dates.map { tokens.text($0.range) }.joined(separator: ", "),
                timeZone: calendar.timeZone)
        }
        return hints
    }

    /// Claims every date expression, left to right, and returns them in order.
    private static func claimDates(in tokens: inout Tokens, math: DateMath) -> [DateMatch] {
        var matches: [DateMatch] = []
        var p = 0
        while p < tokens.count {
            let english = EnglishDates(tokens: tokens, math: math)
            let chinese = ChineseDates(tokens: tokens, math: math)
            guard let match = chinese.match(at: p) ?? english.match(at: p) else {
                p += 1
                continue
            }
            var range = match.range
            // `yesterday's`: the possessive goes with the date.
            if ["'", "’"].contains(tokens.mark(range.upperBound)), tokens.touches(range.upperBound),
                tokens.word(range.upperBound + 1) == "s", tokens.touches(range.upperBound + 1)
            {
                range = range.lowerBound..<(range.upperBound + 2)
            }
            tokens.claim(range, as: .date)
            matches.append(DateMatch(range: range, interval: match.interval))
            p = range.upperBound
        }
        return matches
    }

    /// Claims words left joining nothing once the hints around them are gone: a `的` next
    /// to a hint (`去年夏天的海滩`), an `and` between two hints (`photos and videos`).
    private static func claimJoiners(in tokens: inout Tokens) {
        for p in 0..<tokens.count {
            let before = tokens.claim(p - 1) != nil
            let after = tokens.claim(p + 1) != nil
            if tokens.spells("的", at: p) != nil, before || after {
                tokens.claim(p..<(p + 1), as: .filler)
            } else if let word = tokens.key(p), ["and", "or", "&", "和", "或"].contains(word), before, after {
                tokens.claim(p..<(p + 1), as: .filler)
            }
        }
    }
}
